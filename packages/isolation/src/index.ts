export { annotate } from "./annotate.ts";
export { askWs } from "./askWs.ts";
export { type BadHttpInput, type BadInputIds, badHttpInputs } from "./badHttpInputs.ts";
export {
  BOLA_TABLE,
  type BolaRow,
  type HttpBolaRow,
  type IdKind,
  type IdPlace,
  type OwnedIds,
  type WsBolaRow,
} from "./bolaTable.ts";
export { checkContract } from "./checkContract.ts";
export { checkOwnerRows, checkServiceRole, type DatabaseReport } from "./checkDatabase.ts";
export {
  assertCleanErrors,
  checkErrorResponse,
  type Expected,
  type HttpOutcome,
} from "./checkErrorResponse.ts";
export {
  assertProjectIsolation,
  checkProjectIsolation,
  type ProjectIsolationInput,
  type ProjectIsolationReport,
} from "./checkProjectIsolation.ts";
export {
  createLeakOracle,
  LEAK_ANNOTATION,
  type LeakOracle,
  type LeakOracleOptions,
} from "./createLeakOracle.ts";
export {
  assertTableCoversRoutes,
  diffRouteTable,
  type ListedRoute,
  type RouteTableDiff,
} from "./diffRouteTable.ts";
export { findInternals, type Internal } from "./findInternals.ts";
export { findLeaks, type Leak, type Observation, routeOf } from "./findLeaks.ts";
export { openRawWebSocket, type RawWebSocket } from "./openRawWebSocket.ts";
export {
  assertBolaMatrix,
  type BolaMatrixInput,
  type BolaMatrixReport,
  runBolaMatrix,
} from "./runBolaMatrix.ts";
export { sendBadHttpInput } from "./sendBadHttpInput.ts";
export { isComplete, parseAnswer, type RawAnswer, sendRaw } from "./sendRaw.ts";
