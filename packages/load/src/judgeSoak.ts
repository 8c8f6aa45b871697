import { fitTrend } from "./fitTrend.ts";
import type { ServiceSample, Trend } from "./LoadResult.ts";

/** Fewer samples than this over the hold phase cannot show a trend: the soak fails rather than pass on nothing. */
export const MIN_SOAK_SAMPLES = 5;

/**
 * Fits the service's memory (RSS) and open sockets over the hold phase (samples from `holdFrom_s`
 * on) and names each figure that grows faster than its limit per minute. Too few samples is a
 * problem too.
 *
 * @example
 * const { trends, problems } = judgeSoak(samples, 10, { max_rss_growth_mb_per_min: 20, max_socket_growth_per_min: 5 });
 */
export function judgeSoak(
  samples: readonly ServiceSample[],
  holdFrom_s: number,
  limits: { max_rss_growth_mb_per_min?: number; max_socket_growth_per_min?: number },
): { trends: Trend[]; problems: string[] } {
  const hold = samples.filter((s) => s.t_s >= holdFrom_s);
  if (hold.length < MIN_SOAK_SAMPLES) {
    return {
      trends: [],
      problems: [
        `only ${hold.length} service sample(s) in the hold phase (at least ${MIN_SOAK_SAMPLES} needed to judge a trend): hold longer or sample more often`,
      ],
    };
  }
  const minutes = hold.map((s) => s.t_s / 60);
  const figures = [
    { figure: "rss_mb" as const, limit: limits.max_rss_growth_mb_per_min ?? 20, unit: "MB" },
    { figure: "sockets" as const, limit: limits.max_socket_growth_per_min ?? 5, unit: "sockets" },
  ];
  const trends: Trend[] = [];
  const problems: string[] = [];
  for (const { figure, limit, unit } of figures) {
    const slope = fitTrend(
      minutes,
      hold.map((s) => s[figure]),
    );
    if (slope === undefined) continue;
    const rounded = Math.round(slope * 1000) / 1000;
    trends.push({ figure, slope_per_min: rounded, limit_per_min: limit, samples: hold.length });
    if (slope > limit)
      problems.push(
        `${figure} grows ${rounded} ${unit}/min over ${hold.length} samples of the hold phase (limit ${limit} ${unit}/min)`,
      );
  }
  return { trends, problems };
}
