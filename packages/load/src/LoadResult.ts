import type { SerializedHistograms, StepStats } from "./createLatencyRecorder.ts";
import type { Problem, ProblemKind } from "./createProblemLog.ts";
import type { FlowName } from "./readScenario.ts";

/** One sample of the service's own figures (`GET /v1/test-support/stats`) during a run. */
export type ServiceSample = {
  /** Seconds since the load started. */
  t_s: number;
  rss_mb: number;
  heap_used_mb: number;
  sockets: number;
  runs_in_flight: number;
  pool_total: number;
  pool_idle: number;
  pool_waiting: number;
};

/** A fitted trend of one figure over the soak's hold phase. */
export type Trend = {
  figure: "rss_mb" | "sockets";
  slope_per_min: number;
  limit_per_min: number;
  samples: number;
};

/**
 * What one worker (a "part": one slice of one shard) measured and found; parts of every worker
 * and machine are merged by {@link mergeLoadParts} into one {@link LoadResult}.
 *
 * @example
 * const part: LoadPart = await runLoad({ target, scenario, shard, slice, tagPrefix });
 */
export type LoadPart = {
  format: "assay-load/v1";
  scenario: string;
  target: { kind: "local" | "staging"; base_url: string };
  /** `i/n` of the CI matrix, and of the workers inside it. */
  shard: string;
  slices: string[];
  started_at: string;
  duration_s: number;
  sampling: { allowed: boolean; rate: number };
  users: { planned: number; started: number; done: number; failed: number };
  runs: { started: number; checked: number; passed: number; events: number; recovered: number };
  flows: Record<FlowName, number>;
  reconnects: number;
  problems: { total: number; counts: Partial<Record<ProblemKind, number>>; examples: Problem[] };
  histograms: SerializedHistograms;
  service: ServiceSample[];
  trends: Trend[];
  crash?: { restarted_at_s: number; ready_after_ms: number };
  machine: { hostname: string; cpus: number; cpu_model: string; node: string; load_avg: number[] };
};

/** The merged result the gate reads (`reports/load/result.json`): parts added up, plus figures per step. */
export type LoadResult = LoadPart & {
  /** Shards merged into this result (`1/3`, `2/3`, …). */
  shards: string[];
  steps: Record<string, StepStats>;
};
