export { checkEventContract } from "./checkEventContract.ts";
export { checkRunOutcome, type RunExpectation } from "./checkRunOutcome.ts";
export {
  createLatencyRecorder,
  type LatencyRecorder,
  type SerializedHistograms,
  type StepStats,
} from "./createLatencyRecorder.ts";
export { createLoadApi, type LoadApi, LoadHttpError } from "./createLoadApi.ts";
export { createProblemLog, type Problem, type ProblemKind, type ProblemLog } from "./createProblemLog.ts";
export { createRandom } from "./createRandom.ts";
export { type LoadEnv, loadScenarioFile, readLoadEnv } from "./env.ts";
export { fitTrend } from "./fitTrend.ts";
export {
  baselineOf,
  CORRECTNESS,
  DEFAULT_LOAD_BUDGETS,
  judgeLoad,
  type LoadBaseline,
  type LoadBudgets,
  type LoadCheck,
  type LoadVerdict,
} from "./judgeLoad.ts";
export { judgeSoak, MIN_SOAK_SAMPLES } from "./judgeSoak.ts";
export type { LoadPart, LoadResult, ServiceSample, Trend } from "./LoadResult.ts";
export { LOAD_PART_ATTACHMENT } from "./loadReporter.ts";
export { mergeLoadParts } from "./mergeLoadParts.ts";
export { isSampled, type LoadSocket, openLoadSocket, type RunOutcome, wallNow } from "./openLoadSocket.ts";
export { planUsers, type UserWindow } from "./planUsers.ts";
export {
  BUDGETS_FILE,
  baselineFile,
  LoadInputError,
  readLoadBaseline,
  readLoadBudgets,
  readLoadResult,
} from "./readLoadFiles.ts";
export {
  FLOWS,
  type FlowName,
  type LoadFault,
  parseScenario,
  readScenario,
  type Scenario,
  ScenarioError,
  scenarioDuration,
} from "./readScenario.ts";
export { renderLatencySvg } from "./renderLatencySvg.ts";
export { renderLoadTable } from "./renderLoadTable.ts";
export { type LoadTarget, type RunLoadInput, runLoad } from "./runLoad.ts";
export { LOAD_USAGE, type LoadCliOutput, runLoadCli } from "./runLoadCli.ts";
export { createLoadCounters, type LoadCounters, runLoadUser } from "./runLoadUser.ts";
export { type RestartableService, startRestartableService } from "./startRestartableService.ts";
export { writeLoadReport } from "./writeLoadReport.ts";
