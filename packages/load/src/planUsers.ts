import type { Scenario } from "./readScenario.ts";

/** When one user runs, in seconds from the load's start. */
export type UserWindow = { index: number; start_s: number; stop_s: number };

/**
 * The users of one shard and worker ("slice") and when each is active. Users are numbered
 * 0…users−1 over the whole scenario; user k belongs to shard `k mod n`, and within it to slice
 * `⌊k / n⌋ mod slices`, so shards and workers split every stage evenly and their union is the
 * scenario. The stages ramp the active share linearly (like k6): user k is active while
 * `target_pct > 100·k / users`. A user starts once; it stops (after its current flow) when the
 * share falls below it, else at the end.
 *
 * @example
 * planUsers(scenario, { index: 1, count: 3 }, { index: 1, count: 2 }); // [{ index: 0, start_s: 0, stop_s: 8 }, …]
 */
export function planUsers(
  scenario: Pick<Scenario, "users" | "stages">,
  shard: { index: number; count: number },
  slice: { index: number; count: number } = { index: 1, count: 1 },
): UserWindow[] {
  const windows: UserWindow[] = [];
  for (let k = 0; k < scenario.users; k += 1) {
    if (k % shard.count !== shard.index - 1) continue;
    if (Math.floor(k / shard.count) % slice.count !== slice.index - 1) continue;
    const window = activeWindow(scenario, (100 * k) / scenario.users);
    if (window) windows.push({ index: k, ...window });
  }
  return windows;
}

function activeWindow(
  scenario: Pick<Scenario, "stages">,
  threshold: number,
): { start_s: number; stop_s: number } | undefined {
  let t0 = 0;
  let from = 0;
  let start: number | undefined;
  for (const { duration_s: d, target_pct: to } of scenario.stages) {
    if (start === undefined) {
      if (from > threshold) start = t0;
      else if (to > threshold) start = t0 + (d * (threshold - from)) / (to - from);
    }
    if (start !== undefined && to <= threshold && from > threshold) {
      return { start_s: start, stop_s: t0 + (d * (from - threshold)) / (from - to) };
    }
    if (start !== undefined && to <= threshold && from <= threshold && start < t0 + d) {
      // Rose above and fell back within one stage cannot happen on a line; kept for zero-length edges.
      return { start_s: start, stop_s: t0 + d };
    }
    t0 += d;
    from = to;
  }
  return start === undefined ? undefined : { start_s: start, stop_s: t0 };
}
