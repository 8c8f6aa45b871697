import { join } from "node:path";
import { type PlannedShard, planShards } from "./planShards.ts";
import { DURATIONS_FILE, readDurations } from "./readDurations.ts";

/**
 * Plans `total` shards of `tests` from the project's committed durations file, and says so in one
 * line (or that it split by count because the file is missing).
 *
 * @example
 * const plan = planFromDurations(listTests(args, { cwd, env }), 3, cwd);
 */
export function planFromDurations(tests: readonly string[], total: number, cwd: string): PlannedShard[] {
  const durations = readDurations(join(cwd, DURATIONS_FILE));
  const plan = planShards(tests, durations ?? {}, total);
  const known = durations ? tests.filter((id) => id in durations).length : 0;
  process.stdout.write(
    durations
      ? `[assay/shards] ${tests.length} tests in ${total} shards by ${DURATIONS_FILE} (${known} timed, ${tests.length - known} at the median)\n`
      : `[assay/shards] no ${DURATIONS_FILE}: ${tests.length} tests in ${total} shards by count; run "assay-e2e record-durations" after a full run\n`,
  );
  return plan;
}
