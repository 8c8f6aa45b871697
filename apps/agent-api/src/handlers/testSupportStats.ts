import type { Handler } from "../http/Route.ts";

/**
 * `GET /v1/test-support/stats` → 200: the process's memory, open sockets, runs in flight and
 * database pool, read-only, for load soaks that fail on steady growth.
 */
export const getStats: Handler = async ({ services }) => {
  const memory = process.memoryUsage();
  return {
    status: 200,
    body: {
      memory: {
        rss_bytes: memory.rss,
        heap_used_bytes: memory.heapUsed,
        heap_total_bytes: memory.heapTotal,
        external_bytes: memory.external,
      },
      sockets: services.sockets.size,
      runs_in_flight: services.runs.size,
      pool: {
        total: services.pool.totalCount,
        idle: services.pool.idleCount,
        waiting: services.pool.waitingCount,
      },
      uptime_seconds: Math.round((performance.now() - services.startedAt) / 10) / 100,
    },
  };
};
