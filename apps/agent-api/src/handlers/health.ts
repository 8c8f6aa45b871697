import { hasAnyFault } from "../faults.ts";
import type { Handler } from "../http/Route.ts";
import type { Services } from "../Services.ts";

const FAULTY_CHECK_TIMEOUT_MS = 10_000;

/** The body of `GET /health`. */
export type Health = {
  status: "healthy" | "degraded" | "unhealthy";
  database_status: "connected" | "disconnected";
  connection_pool: { max: number; total: number; idle: number; waiting: number; utilization_percent: number };
  circuit_breaker: "closed" | "open" | "half_open";
  uptime_seconds: number;
  version: string;
};

/**
 * The service's health from the state kept in the background (no query): unhealthy while the
 * database is unreachable; degraded while callers wait for a pool connection or the upstream
 * breaker is not closed; healthy otherwise.
 * @example describeHealth(services).status // "healthy"
 */
export function describeHealth(services: Services, databaseUp = services.database.up): Health {
  const pool = services.database.poolStats();
  const breaker = services.breaker.state;
  const degraded = pool.waiting > 0 || breaker !== "closed";
  return {
    status: !databaseUp ? "unhealthy" : degraded ? "degraded" : "healthy",
    database_status: databaseUp ? "connected" : "disconnected",
    connection_pool: pool,
    circuit_breaker: breaker,
    uptime_seconds: Math.round((performance.now() - services.startedAt) / 10) / 100,
    version: services.version,
  };
}

// The `health_queries_db` fault: the health check asks the database itself, the way a naive
// one does, and hangs for as long as the database does.
async function queryDatabase(services: Services): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), FAULTY_CHECK_TIMEOUT_MS);
  });
  const check = services.pool.query("SELECT 1").then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /health`: answers at once from memory, 200 while healthy or degraded and 503 while
 * unhealthy (a load balancer takes the instance out until the database is back).
 */
export const getHealth: Handler = async ({ services }) => {
  const up = hasAnyFault("health_queries_db") ? await queryDatabase(services) : services.database.up;
  const body = describeHealth(services, up);
  return { status: body.status === "unhealthy" ? 503 : 200, body };
};
