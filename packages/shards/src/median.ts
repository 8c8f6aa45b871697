/**
 * The median of `values` (the mean of the two middle values for an even count); undefined when
 * there are none.
 *
 * @example
 * median([30, 10, 20]); // 20
 * median([10, 20]); // 15
 */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}
