import { join } from "node:path";
import { DURATIONS_FILE, median, readDurations } from "./durations.ts";
import { ShardsError } from "./ShardsError.ts";

/** One shard of a plan: its tests (sorted by id) and their expected total duration. */
export type PlannedShard = { tests: string[]; ms: number };

/**
 * Splits tests into `n` shards of near-equal expected duration: longest processing time first,
 * the heaviest test into the lightest shard. Ties break by test id, then by shard index, so the
 * same inputs always give the same plan on every CI job. A test with no recorded duration weighs
 * the median of the known ones (of the listed tests, else of the whole file, else 1 ms). More
 * shards than tests is an error, since an empty shard would fail its job.
 *
 * @example
 * planShards(["[a] › x.spec.ts › slow", "[a] › x.spec.ts › quick", "[a] › y.spec.ts › new"], { "[a] › x.spec.ts › slow": 900, "[a] › x.spec.ts › quick": 100 }, 2);
 * // [{ tests: ["[a] › x.spec.ts › slow"], ms: 900 }, { tests: ["[a] › x.spec.ts › quick", "[a] › y.spec.ts › new"], ms: 600 }]
 */
export function planShards(
  tests: readonly string[],
  durations: Readonly<Record<string, number>>,
  n: number,
): PlannedShard[] {
  if (!Number.isInteger(n) || n < 1)
    throw new ShardsError(`shard count must be a whole number ≥ 1, got ${n}`);
  const ids = [...new Set(tests)];
  if (ids.length < n)
    throw new ShardsError(
      `cannot split ${ids.length} test${ids.length === 1 ? "" : "s"} into ${n} shards: ${n - ids.length} shard${n - ids.length === 1 ? " would be" : "s would be"} empty; use at most ${ids.length} shards or widen the test selection`,
    );
  const known = (id: string): number | undefined => {
    const ms = durations[id];
    return typeof ms === "number" && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
  };
  const listedKnown = ids.map(known).filter((ms) => ms !== undefined);
  const fallback =
    median(listedKnown) ??
    median(
      Object.keys(durations)
        .map(known)
        .filter((ms) => ms !== undefined),
    ) ??
    1;
  const weighted = ids
    .map((id) => ({ id, ms: known(id) ?? fallback }))
    .sort((a, b) => b.ms - a.ms || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const shards: PlannedShard[] = Array.from({ length: n }, () => ({ tests: [], ms: 0 }));
  for (const { id, ms } of weighted) {
    let lightest = shards[0] as PlannedShard;
    for (const shard of shards) if (shard.ms < lightest.ms) lightest = shard;
    lightest.tests.push(id);
    lightest.ms += ms;
  }
  for (const shard of shards) shard.tests.sort();
  return shards;
}

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
