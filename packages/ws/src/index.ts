export { askWs } from "./askWs.ts";
export { checkRunGrammar } from "./checkRunGrammar.ts";
export { createWsClient, now, type WsClient } from "./createWsClient.ts";
export { type Frame, RUN_EVENT_TYPES } from "./Frame.ts";
export { measureRunLatency, type RunLatency } from "./measureRunLatency.ts";
export { recordLatency } from "./recordLatency.ts";
export { type WsFixtures, wsExpect, wsTest } from "./wsTest.ts";
