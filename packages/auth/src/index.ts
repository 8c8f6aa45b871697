export { buildAttackCatalog, type Jwk, MIN_VARIANTS } from "./attackCatalog.ts";
export { assertCorsClosed, probeCors } from "./checkCors.ts";
export { decodeSegment } from "./encodeJwt.ts";
export { assertAttacksRefused } from "./judgeAttempt.ts";
export { type AttackAttempt, presentOnRest, presentOnUpgrade } from "./presentToken.ts";
export { startKeyServer } from "./startKeyServer.ts";
