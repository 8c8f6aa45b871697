import type { Handler } from "../http/Route.ts";
import type { Services } from "../Services.ts";

const DB_CHECK_TIMEOUT_MS = 1000;

/**
 * Whether `SELECT 1` answers within a second.
 * @example await isDatabaseUp(services)
 */
export async function isDatabaseUp(services: Services): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), DB_CHECK_TIMEOUT_MS);
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
 * `GET /health`: always 200 while the process serves; a database that does not answer makes
 * it `degraded` / `disconnected` (a load balancer should not drop the instance for that).
 */
export const getHealth: Handler = async ({ services }) => {
  const up = await isDatabaseUp(services);
  return {
    status: 200,
    body: {
      status: up ? "healthy" : "degraded",
      database_status: up ? "connected" : "disconnected",
      uptime_seconds: Math.round((performance.now() - services.startedAt) / 10) / 100,
      version: services.version,
    },
  };
};
