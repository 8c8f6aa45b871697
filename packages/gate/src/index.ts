// What other packages use: bench/ (runGate, buildReport) and @assay/shards (createJsonCheck, describeArgError).
export { buildCoverage, buildReport, type FixtureTest } from "./buildReport.ts";
export type { BudgetResult, Verdict } from "./computeVerdict.ts";
export { describeArgError } from "./parseGateArgs.ts";
export { createJsonCheck, type JsonCheck } from "./readJsonFile.ts";
export { type GateOptions, type GateRun, runGate } from "./runGate.ts";
