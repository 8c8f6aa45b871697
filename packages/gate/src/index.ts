// What other packages use: bench/ (runGate, buildReport) and @assay/shards (createJsonCheck).
export { buildCoverage, buildReport, type FixtureTest } from "./buildReport.ts";
export type { BudgetResult, Verdict } from "./computeVerdict.ts";
export { createJsonCheck, type JsonCheck } from "./readJsonFile.ts";
export { type GateOptions, type GateRun, runGate } from "./runGate.ts";
