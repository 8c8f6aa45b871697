export { askWs } from "./askWs.ts";
export { checkRunGrammar } from "./checkRunGrammar.ts";
export { createWsClient, now, type WsClient } from "./createWsClient.ts";
export { type Frame, RUN_EVENT_TYPES } from "./Frame.ts";
export { measureRunLatency } from "./measureRunLatency.ts";
export { recordLatency } from "./recordLatency.ts";
export type { FollowRunGrammarOptions } from "./toFollowRunGrammar.ts";
export { type WsFixtures, type WsMatchers, wsExpect, wsTest } from "./wsTest.ts";
