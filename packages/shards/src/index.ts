export { collectReportTests, type ReportTest } from "./collectReportTests.ts";
export { listTests } from "./listTests.ts";
export { median } from "./median.ts";
export { type MergeRun, mergeShards, SHARDS_DIR } from "./mergeShards.ts";
export { type E2eCommand, parseE2eArgs, type ShardSpec, USAGE } from "./parseE2eArgs.ts";
export { planFromDurations } from "./planFromDurations.ts";
export { type PlannedShard, planShards } from "./planShards.ts";
export { playwrightCli } from "./playwrightCli.ts";
export { DURATIONS_FILE, readDurations } from "./readDurations.ts";
export { recordDurations } from "./recordDurations.ts";
export { runLocalShards } from "./runLocalShards.ts";
export {
  type ProcessOptions,
  type ProcessRun,
  runProcess,
  spawnTracked,
  wasInterrupted,
} from "./runProcess.ts";
export { runShard, shardEnv } from "./runShard.ts";
export { ShardsError } from "./ShardsError.ts";
export { type RunningService, startLocalService } from "./startLocalService.ts";
export { assertSelectable, testId } from "./testId.ts";
export { writeTestList } from "./writeTestList.ts";
