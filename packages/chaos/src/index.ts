export { callService } from "./callService.ts";
export { chaosTest } from "./chaosTest.ts";
export {
  assertBreakerOpensUnderConcurrentFailures,
  type BreakerState,
  readBreaker,
  runAll,
} from "./checkBreaker.ts";
export { assertOutage, checkOutage, type OutageBudgets } from "./checkOutage.ts";
export { measureOutage, type OutageOptions, type OutageReport, type WriteAttempt } from "./measureOutage.ts";
export { type LogLine, parseLogText, readLogLines } from "./readLogLines.ts";
export { recordFigures, recordStep } from "./recordStep.ts";
export { type ChaosStack, type ChaosStackOptions, startChaosStack } from "./startChaosStack.ts";
export { type FaultProxy, startFaultProxy } from "./startFaultProxy.ts";
export { summarizeOutage } from "./summarizeOutage.ts";
export { appliesTo, type Direction, type Toxic } from "./Toxic.ts";
