import { createLatencyRecorder } from "./createLatencyRecorder.ts";
import type { LoadPart, LoadResult } from "./LoadResult.ts";
import { mergeLoadParts } from "./mergeLoadParts.ts";

/**
 * Test support (not exported): a merged result whose steps hold exactly `samples` (ms), with
 * every check passed unless `overrides` says otherwise.
 *
 * @example
 * const result = fakeResult({ run: Array(100).fill(50) });
 */
export function fakeResult(
  samples: Record<string, number[]>,
  overrides: Partial<Omit<LoadResult, "steps" | "histograms">> = {},
  shard = "1/1",
): LoadResult {
  return mergeLoadParts([fakePart(samples, overrides, shard)]);
}

/**
 * Test support (not exported): one worker's part whose steps hold exactly `samples` (ms), with
 * every check passed unless `overrides` says otherwise.
 *
 * @example
 * const part = fakePart({ run: [20, 30] }, { scenario: "reporter-test" });
 */
export function fakePart(
  samples: Record<string, number[]>,
  overrides: Partial<Omit<LoadPart, "histograms">> = {},
  shard = "1/1",
): LoadPart {
  const latency = createLatencyRecorder();
  for (const [step, values] of Object.entries(samples)) for (const ms of values) latency.record(step, ms);
  return {
    format: "assay-load/v1",
    scenario: "smoke",
    target: { kind: "local", base_url: "http://127.0.0.1:4310" },
    shard,
    slices: ["1/1"],
    started_at: "2025-06-01T12:00:00.000Z",
    duration_s: 10,
    sampling: { allowed: false, rate: 1 },
    users: { planned: 10, started: 10, done: 10, failed: 0 },
    runs: { started: 100, checked: 100, passed: 100, events: 600, recovered: 0 },
    flows: { run: 100, conversation: 10, project_switch: 10, memory: 10, health: 10 },
    reconnects: 0,
    problems: { total: 0, counts: {}, examples: [] },
    histograms: latency.serialize(),
    service: [],
    trends: [],
    machine: { hostname: "ci-1", cpus: 2, cpu_model: "test", node: "v24", load_avg: [1, 1, 1] },
    ...overrides,
  };
}
