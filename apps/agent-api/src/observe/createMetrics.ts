import client from "prom-client";

/** Reads the live state the gauges report at scrape time. */
export type GaugeSources = {
  wsConnections: () => number;
  pool: () => { max: number; total: number; idle: number; waiting: number };
  databaseUp: () => boolean;
  queue: () => { queued: number; running: number; dead: number };
  breaker: () => "closed" | "open" | "half_open";
};

const BREAKER_VALUE = { closed: 0, half_open: 1, open: 2 } as const;

/**
 * The service's Prometheus metrics on a registry of its own (one per service instance, so two
 * instances in one process never share counters).
 * @example const metrics = createMetrics(sources); metrics.httpRequests.inc({ method: "GET", route: "/health", status: "200" });
 */
export function createMetrics(sources: GaugeSources) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "assay_" });
  const registers = [registry];
  const httpRequests = new client.Counter({
    name: "assay_http_requests_total",
    help: "HTTP requests answered, by method, route pattern and status.",
    labelNames: ["method", "route", "status"] as const,
    registers,
  });
  const httpDuration = new client.Histogram({
    name: "assay_http_request_duration_seconds",
    help: "Time from request to response, by method and route pattern.",
    labelNames: ["method", "route"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  new client.Gauge({
    name: "assay_ws_connections",
    help: "WebSocket connections open now.",
    registers,
    collect() {
      this.set(sources.wsConnections());
    },
  });
  const wsOpened = new client.Counter({
    name: "assay_ws_connections_opened_total",
    help: "WebSocket connections accepted since start.",
    registers,
  });
  const agentRuns = new client.Counter({
    name: "assay_agent_runs_total",
    help: "Agent runs finished, by outcome (completed, failed).",
    labelNames: ["outcome"] as const,
    registers,
  });
  const toolCalls = new client.Counter({
    name: "assay_tool_calls_total",
    help: "Tool calls made by agent runs, by tool and result (ok, failed).",
    labelNames: ["tool", "result"] as const,
    registers,
  });
  new client.Gauge({
    name: "assay_db_pool_connections",
    help: "Database pool connections by state: max, total (open), idle, waiting (callers queued).",
    labelNames: ["state"] as const,
    registers,
    collect() {
      const pool = sources.pool();
      for (const state of ["max", "total", "idle", "waiting"] as const) this.set({ state }, pool[state]);
    },
  });
  new client.Gauge({
    name: "assay_db_pool_utilization_ratio",
    help: "Share of the pool's maximum connections that are busy (0-1).",
    registers,
    collect() {
      const pool = sources.pool();
      this.set(pool.max === 0 ? 0 : (pool.total - pool.idle) / pool.max);
    },
  });
  new client.Gauge({
    name: "assay_db_up",
    help: "1 while the database answers, 0 while it is unreachable.",
    registers,
    collect() {
      this.set(sources.databaseUp() ? 1 : 0);
    },
  });
  const dbQueries = new client.Counter({
    name: "assay_db_queries_total",
    help: "Database queries, by operation and outcome (ok, error).",
    labelNames: ["operation", "outcome"] as const,
    registers,
  });
  new client.Gauge({
    name: "assay_memory_queue_depth",
    help: "Memory update jobs by state: queued (waiting or retrying), running, dead (gave up).",
    labelNames: ["state"] as const,
    registers,
    collect() {
      const queue = sources.queue();
      for (const state of ["queued", "running", "dead"] as const) this.set({ state }, queue[state]);
    },
  });
  const memoryJobs = new client.Counter({
    name: "assay_memory_jobs_total",
    help: "Memory update attempts, by outcome (done, retried, dead).",
    labelNames: ["outcome"] as const,
    registers,
  });
  new client.Gauge({
    name: "assay_upstream_breaker_state",
    help: "The upstream circuit breaker: 0 closed, 1 half-open, 2 open.",
    registers,
    collect() {
      this.set(BREAKER_VALUE[sources.breaker()]);
    },
  });
  const breakerTransitions = new client.Counter({
    name: "assay_upstream_breaker_transitions_total",
    help: "Circuit breaker state changes, by the state entered.",
    labelNames: ["to"] as const,
    registers,
  });
  const upstreamCalls = new client.Counter({
    name: "assay_upstream_requests_total",
    help: "Calls to the upstream LLM, by outcome (ok, or the agent_error code).",
    labelNames: ["outcome"] as const,
    registers,
  });
  const rateLimitRefusals = new client.Counter({
    name: "assay_rate_limit_refusals_total",
    help: "Requests refused with 429, by rate limit (memory).",
    labelNames: ["limit"] as const,
    registers,
  });
  return {
    registry,
    httpRequests,
    httpDuration,
    wsOpened,
    agentRuns,
    toolCalls,
    dbQueries,
    memoryJobs,
    breakerTransitions,
    upstreamCalls,
    rateLimitRefusals,
  };
}

/** The service's metrics; see {@link createMetrics}. */
export type Metrics = ReturnType<typeof createMetrics>;
