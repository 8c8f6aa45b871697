import type { TestRecord } from "./collectTests.ts";
import { percentile } from "./percentile.ts";

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
