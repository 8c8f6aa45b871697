/**
 * Least-squares slope of `y` over `x` (units of y per unit of x); undefined with fewer than two
 * distinct x. A soak fails on a steady climb, which a slope over every sample shows and a
 * first-vs-last comparison (one GC away from either answer) does not.
 *
 * @example
 * fitTrend([0, 1, 2, 3], [10, 12, 14, 16]); // 2
 */
export function fitTrend(x: readonly number[], y: readonly number[]): number | undefined {
  const n = Math.min(x.length, y.length);
  if (n < 2) return undefined;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i += 1) {
    sx += x[i] as number;
    sy += y[i] as number;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = (x[i] as number) - mx;
    sxy += dx * ((y[i] as number) - my);
    sxx += dx * dx;
  }
  return sxx === 0 ? undefined : sxy / sxx;
}
