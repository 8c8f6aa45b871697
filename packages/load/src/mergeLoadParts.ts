import { createLatencyRecorder } from "./createLatencyRecorder.ts";
import type { LoadPart, LoadResult } from "./LoadResult.ts";

const EXAMPLES_KEPT = 50;

function sum<T extends Record<string, number>>(into: T, from: Partial<T>): void {
  for (const [key, value] of Object.entries(from)) {
    (into as Record<string, number>)[key] = ((into as Record<string, number>)[key] ?? 0) + (value ?? 0);
  }
}

/**
 * Merges parts (workers of one machine, or the result files of every CI shard) into one result:
 * counts are summed and histograms added, so the merged p95 is the p95 of every sample, never
 * an average of p95s. Parts must come from one scenario; a shard given twice is refused.
 *
 * @example
 * const result = mergeLoadParts([part1, part2]);
 * result.steps.run.p95;
 */
export function mergeLoadParts(parts: readonly (LoadPart | LoadResult)[]): LoadResult {
  const first = parts[0];
  if (!first) throw new Error("[assay/load] nothing to merge: no load result was given.");
  const names = new Set(parts.map((part) => part.scenario));
  if (names.size > 1)
    throw new Error(`[assay/load] cannot merge results of different scenarios: ${[...names].join(", ")}.`);
  const sliceIds = (part: LoadPart | LoadResult) =>
    "shards" in part ? part.slices : part.slices.map((slice) => `${part.shard}#${slice}`);
  const seen = new Set<string>();
  for (const part of parts) {
    for (const slice of sliceIds(part)) {
      if (seen.has(slice))
        throw new Error(
          `[assay/load] ${slice.replace("#", " slice ")} is given twice: merge each shard's result once.`,
        );
      seen.add(slice);
    }
  }
  const latency = createLatencyRecorder();
  const merged: LoadResult = {
    ...structuredClone(first),
    shards: [],
    slices: [],
    users: { planned: 0, started: 0, done: 0, failed: 0 },
    runs: { started: 0, checked: 0, passed: 0, events: 0, recovered: 0 },
    flows: { run: 0, conversation: 0, project_switch: 0, memory: 0, health: 0 },
    reconnects: 0,
    problems: { total: 0, counts: {}, examples: [] },
    histograms: {},
    service: [],
    trends: [],
    steps: {},
  };
  for (const part of parts) {
    const shards = "shards" in part ? part.shards : [part.shard];
    for (const shard of shards) if (!merged.shards.includes(shard)) merged.shards.push(shard);
    merged.slices.push(...sliceIds(part));
    sum(merged.users, part.users);
    sum(merged.runs, part.runs);
    sum(merged.flows, part.flows);
    merged.reconnects += part.reconnects;
    merged.problems.total += part.problems.total;
    sum(merged.problems.counts as Record<string, number>, part.problems.counts);
    merged.problems.examples.push(...part.problems.examples);
    latency.add(part.histograms);
    merged.service.push(...part.service);
    merged.trends.push(...part.trends);
    merged.duration_s = Math.max(merged.duration_s, part.duration_s);
    if (part.started_at < merged.started_at) merged.started_at = part.started_at;
    if (part.crash) merged.crash = part.crash;
  }
  merged.shards.sort();
  merged.problems.examples = merged.problems.examples.slice(0, EXAMPLES_KEPT);
  merged.service.sort((a, b) => a.t_s - b.t_s);
  merged.histograms = latency.serialize();
  merged.steps = latency.summary();
  merged.shard = merged.shards.length === 1 ? (merged.shards[0] as string) : `${merged.shards.length} shards`;
  return merged;
}
