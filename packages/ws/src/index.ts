export { checkFrameContract } from "./checkFrameContract.ts";
export {
  checkRunGrammar,
  RUN_EVENT_TYPES,
  type RunGrammarOptions,
  type RunGrammarResult,
} from "./checkRunGrammar.ts";
export { createFrameRecorder, type FrameRecorder, WaitForError } from "./createFrameRecorder.ts";
export {
  type CloseInfo,
  createWsClient,
  now,
  type WsClient,
  type WsClientOptions,
} from "./createWsClient.ts";
export { eventOf, type Frame } from "./Frame.ts";
export { formatEventLog, formatFrameLine } from "./formatEventLog.ts";
export { isWsClient } from "./isWsClient.ts";
export { type FrameMatch, matchPartial } from "./matchFrame.ts";
export { measureRunLatency, type RunLatency } from "./measureRunLatency.ts";
export { recordLatency } from "./recordLatency.ts";
export { type FollowRunGrammarOptions, toFollowRunGrammar } from "./toFollowRunGrammar.ts";
export { toReceiveEvent } from "./toReceiveEvent.ts";
export { type ConnectWsOptions, type WsFixtures, wsExpect, wsTest } from "./wsTest.ts";
