import type pg from "pg";
import type { CircuitBreaker } from "./agent/CircuitBreaker.ts";
import type { RunTracker } from "./agent/RunTracker.ts";
import type { KeySet } from "./auth/createKeySet.ts";
import type { TokenVerifier } from "./auth/verifyToken.ts";
import type { DatabaseMonitor } from "./db/DatabaseMonitor.ts";
import type { Config } from "./env.ts";
import type { RateLimiter } from "./http/RateLimiter.ts";
import type { Logger } from "./log.ts";
import type { McpRuntime } from "./mcp/createMcpRuntime.ts";
import type { MemoryWorker } from "./memory/MemoryWorker.ts";
import type { OauthRuntime } from "./oauth/createOauthRuntime.ts";
import type { Metrics } from "./observe/createMetrics.ts";
import type { SocketRegistry } from "./ws/SocketRegistry.ts";

/** What handlers, the WebSocket layer and the agent share; built once in `startService`. */
export type Services = {
  config: Config;
  log: Logger;
  pool: pg.Pool;
  dbMode: "embedded" | "postgres";
  keys: KeySet;
  verifyToken: TokenVerifier;
  sockets: SocketRegistry;
  runs: RunTracker;
  startedAt: number;
  version: string;
  /** The MCP endpoint's sessions, project handles and SDK handler. */
  mcp: McpRuntime;
  /** The authorization server's code store, form sealer and cleanup job. */
  oauth: OauthRuntime;
  /** The database's state, kept up to date in the background (`/health`, fail-fast 503s). */
  database: DatabaseMonitor;
  metrics: Metrics;
  /** The circuit breaker every upstream call goes through. */
  breaker: CircuitBreaker;
  rateLimiter: RateLimiter;
  /** The memory queue's worker. */
  memory: MemoryWorker;
};
