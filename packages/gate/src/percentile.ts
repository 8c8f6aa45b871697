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
