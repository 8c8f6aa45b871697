/** One `/health` answer as a sampler saw it. */
export type HealthSample = { status: number; body: unknown; ms: number };

/**
 * Calls `GET /health` `count` times, one after another, and times each answer.
 * @example const samples = await sampleHealth(baseURL, 100);
 */
export async function sampleHealth(baseURL: string, count: number, pauseMs = 0): Promise<HealthSample[]> {
  const samples: HealthSample[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(`${baseURL}/health`, { signal: AbortSignal.timeout(15_000) });
    const body: unknown = await response.json();
    samples.push({ status: response.status, body, ms: performance.now() - started });
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return samples;
}

/**
 * The p-th percentile (nearest rank) of some numbers; null for none.
 * @example percentile([1, 2, 3, 4], 95) // 4
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? null;
}

/**
 * Checks `/health` kept answering fast while a dependency was down (it must answer from kept
 * state, not by asking the dependency): throws naming the slowest answer over `limitMs`.
 * @example assertHealthAnswersFast(samples, 1000);
 */
export function assertHealthAnswersFast(samples: readonly HealthSample[], limitMs: number): void {
  if (samples.length === 0) throw new Error("[assay/observability] no /health answer was sampled");
  const slow = samples.filter((sample) => sample.ms > limitMs);
  if (slow.length > 0)
    throw new Error(
      `[assay/observability] ${slow.length} of ${samples.length} GET /health took over ${limitMs} ms while the database was down ` +
        `(slowest ${Math.round(Math.max(...slow.map((s) => s.ms)))} ms): health must answer from state kept in the background, not by querying the database`,
    );
}
