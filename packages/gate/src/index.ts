export { checkShards, type ShardCheck } from "./checkShards.ts";
export { collectTests, type LatencySample, type Outcome, type TestRecord } from "./collectTests.ts";
export {
  type BudgetResult,
  computeVerdict,
  type StaleEntry,
  type Verdict,
  type VerdictInput,
} from "./computeVerdict.ts";
export { GateInputError } from "./GateInputError.ts";
export { type CliArgs, parseCliArgs, USAGE } from "./parseCliArgs.ts";
export { percentile } from "./percentile.ts";
export { type BaselineEntry, isIsoDate, parseBaseline, readBaseline } from "./readBaseline.ts";
export { type BlobShard, readBlobShards } from "./readBlobShards.ts";
export { type Budgets, DEFAULT_BUDGETS, parseBudgets, readBudgets } from "./readBudgets.ts";
export { type CoverageFile, readCoverage } from "./readCoverage.ts";
export { type LoadedReport, readReport, type Shard } from "./readReport.ts";
export { readSchemaIds } from "./readSchemaIds.ts";
export { renderConsole } from "./renderConsole.ts";
export { renderLatencyChart } from "./renderLatencyChart.ts";
export { renderSummary } from "./renderSummary.ts";
export { type GateOptions, type GateRun, runGate } from "./runGate.ts";
export { type LatencyStat, summarizeLatency } from "./summarizeLatency.ts";
