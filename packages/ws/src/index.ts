export { askWs } from "./askWs.ts";
export { createWsClient, now, type WsClient } from "./createWsClient.ts";
export { recordLatency } from "./recordLatency.ts";
export { type WsFixtures, wsExpect, wsTest } from "./wsTest.ts";
