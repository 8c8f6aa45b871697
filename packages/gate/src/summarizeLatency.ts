import type { TestRecord } from "./collectTests.ts";

/** The latency samples of one step with their percentiles and budget. */
export type LatencyStat = {
  step: string;
  /** Every sample in ms, ascending. */
  samples: Float64Array;
  p50: number | null;
  p95: number | null;
  max: number | null;
  /** The p95 budget in ms, `null` when the step has none. */
  limit: number | null;
};

/**
 * Nearest-rank percentile of samples sorted ascending: the smallest sample such that at
 * least `p` percent of the samples are at or below it. Always returns a real sample, which
 * keeps a p95 honest on small sets (no interpolation between two measurements).
 * Returns `undefined` for an empty list.
 *
 * @example
 * percentile([10, 20, 30, 40], 50); // 20
 * percentile([10, 20, 30, 40], 95); // 40
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`[assay/gate] percentile must be within 0..100, got ${p}`);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/**
 * Groups the `assay:latency` samples of every test by step: budgeted steps first (in budget
 * order, even with no samples), then the other measured steps by name.
 *
 * @example
 * summarizeLatency(tests, { run: 3000 })[0]; // { step: "run", p95: 1200, limit: 3000, … }
 */
export function summarizeLatency(
  tests: readonly TestRecord[],
  limits: Record<string, number>,
): LatencyStat[] {
  const byStep = new Map<string, number[]>(Object.keys(limits).map((step) => [step, []]));
  for (const test of tests)
    for (const { step, ms } of test.latency) {
      const list = byStep.get(step);
      if (list) list.push(ms);
      else byStep.set(step, [ms]);
    }
  const budgeted = Object.keys(limits);
  const others = [...byStep.keys()].filter((s) => !(s in limits)).sort();
  return [...budgeted, ...others].map((step) => {
    const samples = Float64Array.from(byStep.get(step) ?? []).sort();
    return {
      step,
      samples,
      p50: percentile(samples, 50) ?? null,
      p95: percentile(samples, 95) ?? null,
      max: samples.length ? (samples[samples.length - 1] ?? null) : null,
      limit: limits[step] ?? null,
    };
  });
}
