import http from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import pkg from "../package.json" with { type: "json" };
import { CircuitBreaker } from "./agent/CircuitBreaker.ts";
import { RunTracker } from "./agent/RunTracker.ts";
import { createKeySet } from "./auth/createKeySet.ts";
import { createTokenVerifier } from "./auth/verifyToken.ts";
import { DatabaseMonitor } from "./db/DatabaseMonitor.ts";
import type { QueryObserver } from "./db/instrumentedClient.ts";
import { migrate } from "./db/migrate.ts";
import { failInstanceRuns } from "./db/runStore.ts";
import { startDatabase } from "./db/startDatabase.ts";
import type { Config } from "./env.ts";
import { enableFaults, hasAnyFault, hasFault } from "./faults.ts";
import { createClientErrorHandler } from "./http/answerClientError.ts";
import { createRequestHandler } from "./http/handleRequest.ts";
import { MAX_HEADER_BYTES, MAX_HEADER_COUNT } from "./http/headerLimits.ts";
import { RateLimiter } from "./http/RateLimiter.ts";
import { describeError, type Logger } from "./log.ts";
import { createMcpRuntime } from "./mcp/createMcpRuntime.ts";
import { MemoryWorker } from "./memory/MemoryWorker.ts";
import { createOauthRuntime } from "./oauth/createOauthRuntime.ts";
import { createMetrics, type Metrics } from "./observe/createMetrics.ts";
import { routes } from "./routes.ts";
import type { Services } from "./Services.ts";
import { redirectToHttps } from "./tls/redirectToHttps.ts";
import { startHttpsListener } from "./tls/startHttpsListener.ts";
import { startMockUpstream } from "./upstream/startMockUpstream.ts";
import { createUpgradeHandler, SUBPROTOCOL } from "./ws/handleUpgrade.ts";
import { SocketRegistry } from "./ws/SocketRegistry.ts";

/** A running service: where it listens, and how to stop it. */
export type RunningService = {
  port: number;
  /** The HTTPS listener's port, when `ASSAY_TLS_PORT` is set. */
  tlsPort: number | undefined;
  dbMode: Services["dbMode"];
  stop: () => Promise<void>;
};

/** The agent_error message of a run a killed process of this instance left running. */
export const RESTART_MESSAGE = "The service restarted while the run was in flight; the run was lost.";
/** The agent_error message of a run that did not stop within the shutdown's grace period. */
export const SHUTDOWN_MESSAGE = "The service shut down while the run was in flight.";

/**
 * At shutdown, after the runs were aborted: ends in the store (and on the owners' sockets) the
 * runs of this instance still `running`, so none is left without its terminal event. Bounded:
 * with the database gone the next start of this instance ends them instead.
 */
async function endLeftoverRuns(services: Services): Promise<void> {
  if (!services.database.up) return;
  let timer: NodeJS.Timeout | undefined;
  const ended = await Promise.race([
    failInstanceRuns(services.pool, services.config.instanceId, SHUTDOWN_MESSAGE),
    new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), 2000);
    }),
  ]).catch((error: unknown) => {
    services.log.error("shutdown_failed", describeError(error));
    return undefined;
  });
  clearTimeout(timer);
  for (const run of ended ?? []) for (const event of run.events) services.sockets.send(run.ownerId, event);
  if (ended !== undefined && ended.length > 0)
    services.log.warn("runs_interrupted", {
      count: ended.length,
      by: "shutdown",
      instance: services.config.instanceId,
    });
}

/** How long an idle keep-alive connection stays open: longer than clients keep theirs. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** The WebSocket frame limit: 1 MiB; a larger frame closes the socket with 1009. */
export const MAX_FRAME_BYTES = 1024 * 1024;

/**
 * Starts everything: database (and migrations), mock upstream, HTTP + WebSocket server.
 * At start it ends the runs a killed process of this instance left running. `stop` stops
 * accepting connections, ends every run in flight with its terminal event, then closes the
 * sockets, the server, the pool and the embedded db.
 * @example const service = await startService(parseEnv(env), createLogger("info"));
 */
export async function startService(config: Config, log: Logger): Promise<RunningService> {
  const startedAt = performance.now();
  // The pool exists before the monitor and the metrics that observe it: bound once both exist.
  const watchers: { monitor?: DatabaseMonitor; metrics?: Metrics } = {};
  const observer: QueryObserver = {
    log,
    onQuery: ({ operation, ok, error }) => {
      watchers.metrics?.dbQueries.inc({ operation, outcome: ok ? "ok" : "error" });
      if (ok) watchers.monitor?.recordSuccess();
      else watchers.monitor?.recordFailure(error);
    },
  };
  const db = await startDatabase(
    config.databaseUrl,
    {
      max: config.dbPoolMax,
      connectTimeoutMs: config.dbConnectTimeoutMs,
      queryTimeoutMs: config.dbQueryTimeoutMs,
    },
    observer,
    config.dbDir,
  );
  const applied = await migrate(db.pool);
  if (applied.length > 0) log.info("migrated", { applied });
  // A process of this instance that was killed left its runs `running`: they end now, with a
  // stored agent_error a client's replay finds, before anyone can ask.
  const orphaned = await failInstanceRuns(db.pool, config.instanceId, RESTART_MESSAGE);
  if (orphaned.length > 0)
    log.warn("runs_interrupted", { count: orphaned.length, by: "restart", instance: config.instanceId });
  const database = new DatabaseMonitor(db.pool, db.max, log, {
    intervalMs: config.healthIntervalMs,
    probeTimeoutMs: 1000,
    backoff: { baseMs: 250, maxMs: 2000 },
    noReconnect: () => hasAnyFault("no_reconnect"),
  });
  watchers.monitor = database;
  const stopMock = config.llmMock ? startMockUpstream(config.llmUrl) : () => undefined;
  const keys =
    config.jwtAlg === "HS256"
      ? createKeySet({ alg: "HS256", secret: config.jwtSecret })
      : createKeySet({ alg: "RS256", privateKeyPem: config.jwtPrivateKey });
  // Faults are a test-support feature: without the admin token none can be set or honoured.
  enableFaults(config.adminToken !== undefined);
  const sockets = new SocketRegistry();
  const breaker = new CircuitBreaker({
    failureThreshold: config.breakerFailures,
    openMs: config.breakerOpenMs,
    onTransition: (from, to, failures) => {
      watchers.metrics?.breakerTransitions.inc({ to });
      const fields = { from, to, failures, threshold: config.breakerFailures };
      if (to === "open") log.warn("breaker_state_changed", fields);
      else log.info("breaker_state_changed", fields);
    },
    lossyCounter: () => hasAnyFault("breaker_lost_updates"),
  });
  const memory = new MemoryWorker();
  const metrics = createMetrics({
    wsConnections: () => sockets.size,
    pool: () => database.poolStats(),
    databaseUp: () => database.up,
    queue: () => memory.depth,
    breaker: () => breaker.state,
  });
  watchers.metrics = metrics;
  const services: Services = {
    config,
    log,
    pool: db.pool,
    dbMode: db.mode,
    keys,
    verifyToken: createTokenVerifier({
      keys,
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
      acceptExpired: (sub) => hasFault(sub.toLowerCase(), "accept_expired"),
    }),
    sockets,
    runs: new RunTracker(log),
    startedAt,
    version: pkg.version,
    mcp: createMcpRuntime(config, () => services),
    database,
    metrics,
    breaker,
    rateLimiter: new RateLimiter(config.rateLimitPerMinute, 60_000),
    memory,
    oauth: createOauthRuntime(config, () => services),
  };
  services.oauth.start();
  const active = routes.filter((route) => route.auth !== "admin" || config.adminToken !== undefined);
  const handler = createRequestHandler(services, active);
  const secure =
    config.tlsPort === undefined
      ? undefined
      : await startHttpsListener(
          { ...config, tlsPort: config.tlsPort },
          log,
          handler,
          (req, socket, head) => upgrade(req, socket, head),
          MAX_HEADER_BYTES,
        );
  // Room for a 17 KiB token in a header, so it gets our 401 rather than node's bare 431.
  const server = http.createServer(
    { maxHeaderSize: MAX_HEADER_BYTES },
    config.httpsRedirect && secure !== undefined ? redirectToHttps(services, secure.port, handler) : handler,
  );
  server.maxHeadersCount = MAX_HEADER_COUNT;
  // Clients keep idle connections open for reuse; when the server drops one first (node's default
  // is 5 s) a request sent at that moment dies with ECONNRESET. Outlast the usual client and
  // load-balancer idle windows (60 s) instead.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.on("clientError", createClientErrorHandler(log));
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
  });
  const upgrade = createUpgradeHandler(services, wss);
  server.on("upgrade", upgrade);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  database.start();
  memory.start(services);
  log.info("listening", {
    port,
    host: config.host,
    db_mode: db.mode,
    pool_max: db.max,
    llm_mock: config.llmMock,
    jwt_alg: keys.alg,
  });
  let stopping: Promise<void> | undefined;
  const stop = async () => {
    // First no new connection: a client reconnecting now must reach the next process, never
    // this one, which is about to end its runs and close its sockets.
    const listeners = secure === undefined ? [server] : [server, secure.server];
    const closed = listeners.map(
      (listener) => new Promise<void>((resolve) => listener.close(() => resolve())),
    );
    await memory.stop();
    database.stop();
    breaker.stop();
    services.rateLimiter.stop();
    await services.oauth.stop();
    await services.mcp.close();
    // Every run in flight ends with its terminal event, stored and sent to the owner's sockets
    // while they are still open; a run that does not stop in time is ended in the store.
    await services.runs.abortAll();
    await endLeftoverRuns(services);
    services.sockets.closeAll();
    for (const listener of listeners) listener.closeAllConnections();
    await Promise.all(closed);
    wss.close();
    stopMock();
    await db.close();
  };
  return { port, tlsPort: secure?.port, dbMode: db.mode, stop: () => (stopping ??= stop()) };
}
