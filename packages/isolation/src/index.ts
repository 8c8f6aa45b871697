export { badHttpInputs, sendBadHttpInput } from "./badHttpInputs.ts";
export { BOLA_TABLE, type OwnedIds } from "./bolaTable.ts";
export { checkOwnerRows, checkServiceRole } from "./checkDatabase.ts";
export {
  assertCleanErrors,
  checkContract,
  checkErrorResponse,
  type HttpOutcome,
} from "./checkErrorResponse.ts";
export { assertProjectIsolation } from "./checkProjectIsolation.ts";
export { createLeakOracle, LEAK_ANNOTATION, type LeakOracle } from "./createLeakOracle.ts";
export { assertTableCoversRoutes } from "./diffRouteTable.ts";
export { findInternals } from "./findInternals.ts";
export { describeLeak, findCanaryLeaks, type Leak } from "./findLeaks.ts";
export { openRawWebSocket } from "./openRawWebSocket.ts";
export { assertBolaMatrix } from "./runBolaMatrix.ts";
export { sendRaw } from "./sendRaw.ts";
