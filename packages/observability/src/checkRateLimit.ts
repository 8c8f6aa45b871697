import type { APIRequestContext } from "@playwright/test";

/** What a rate-limit probe saw. */
export type RateLimitReport = {
  /** Status of each of the first user's requests, in order. */
  statuses: number[];
  /** The refused request's `Retry-After` (seconds), null when none was refused. */
  retryAfter: string | null;
  /** The other user's first request, after the first user used up the limit. */
  otherStatus: number;
  /** ms from the first request to the refused one. */
  elapsedMs: number;
};

/**
 * Sends `limit + 1` requests as one user, then one as another user, on a rate-limited route.
 * @example const report = await probeRateLimit({ first: alice.api, second: bob.api, path, limit: 100 });
 */
export async function probeRateLimit(input: {
  first: APIRequestContext;
  second: APIRequestContext;
  path: string;
  secondPath?: string;
  limit: number;
}): Promise<RateLimitReport> {
  const statuses: number[] = [];
  let retryAfter: string | null = null;
  const started = performance.now();
  for (let i = 0; i <= input.limit; i++) {
    const response = await input.first.get(input.path);
    statuses.push(response.status());
    if (response.status() === 429) retryAfter = response.headers()["retry-after"] ?? null;
    await response.dispose();
  }
  const elapsedMs = performance.now() - started;
  const other = await input.second.get(input.secondPath ?? input.path);
  return { statuses, retryAfter, otherStatus: other.status(), elapsedMs };
}

/**
 * Judges a {@link RateLimitReport}: requests 1…limit pass, request limit+1 (within the minute)
 * gets 429 with a Retry-After, and another user is not affected. One line per problem.
 * @example expect(checkRateLimit(report, 100)).toEqual([]);
 */
export function checkRateLimit(report: RateLimitReport, limit: number): string[] {
  const problems: string[] = [];
  const early = report.statuses.slice(0, limit).indexOf(429);
  if (early >= 0)
    problems.push(`request ${early + 1} of ${limit} was refused (429): the limit is below ${limit}`);
  const last = report.statuses[limit];
  if (report.elapsedMs > 60_000)
    problems.push(
      `the ${limit + 1} requests took ${Math.round(report.elapsedMs)} ms, over a minute: the probe proves nothing`,
    );
  if (last !== 429) problems.push(`request ${limit + 1} within a minute answered HTTP ${last}, expected 429`);
  else if (report.retryAfter === null || !/^\d+$/.test(report.retryAfter))
    problems.push(`the 429 has no Retry-After in seconds (got ${JSON.stringify(report.retryAfter)})`);
  if (report.otherStatus === 429)
    problems.push(
      "another user's first request was refused (429) after the first user used up the limit: the limit is not per user",
    );
  return problems;
}
