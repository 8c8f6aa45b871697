import http from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import pkg from "../package.json" with { type: "json" };
import { RunTracker } from "./agent/RunTracker.ts";
import { createKeySet } from "./auth/createKeySet.ts";
import { createTokenVerifier } from "./auth/verifyToken.ts";
import { migrate } from "./db/migrate.ts";
import { startDatabase } from "./db/startDatabase.ts";
import type { Config } from "./env.ts";
import { enableFaults, hasFault } from "./faults.ts";
import { createClientErrorHandler } from "./http/answerClientError.ts";
import { createRequestHandler } from "./http/handleRequest.ts";
import { MAX_HEADER_BYTES, MAX_HEADER_COUNT } from "./http/headerLimits.ts";
import type { Logger } from "./log.ts";
import { createMcpRuntime } from "./mcp/createMcpRuntime.ts";
import { createOauthRuntime } from "./oauth/createOauthRuntime.ts";
import { routes } from "./routes.ts";
import type { Services } from "./Services.ts";
import { startMockUpstream } from "./upstream/startMockUpstream.ts";
import { createUpgradeHandler, SUBPROTOCOL } from "./ws/handleUpgrade.ts";
import { SocketRegistry } from "./ws/SocketRegistry.ts";

/** A running service: where it listens, and how to stop it. */
export type RunningService = { port: number; dbMode: Services["dbMode"]; stop: () => Promise<void> };

/** How long an idle keep-alive connection stays open: longer than clients keep theirs. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** The WebSocket frame limit: 1 MiB; a larger frame closes the socket with 1009. */
export const MAX_FRAME_BYTES = 1024 * 1024;

/**
 * Starts everything: database (and migrations), mock upstream, HTTP + WebSocket server.
 * `stop` closes sockets, aborts runs, then closes the server, the pool and the embedded db.
 * @example const service = await startService(parseEnv(env), createLogger("info"));
 */
export async function startService(config: Config, log: Logger): Promise<RunningService> {
  const startedAt = performance.now();
  const db = await startDatabase(config.databaseUrl, log, config.dbDir);
  const applied = await migrate(db.pool);
  if (applied.length > 0) log.info("migrated", { applied });
  const stopMock = config.llmMock ? startMockUpstream(config.llmUrl) : () => undefined;
  const keys =
    config.jwtAlg === "HS256"
      ? createKeySet({ alg: "HS256", secret: config.jwtSecret })
      : createKeySet({ alg: "RS256", privateKeyPem: config.jwtPrivateKey });
  // Faults are a test-support feature: without the admin token none can be set or honoured.
  enableFaults(config.adminToken !== undefined);
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
    sockets: new SocketRegistry(),
    runs: new RunTracker(log),
    startedAt,
    version: pkg.version,
    mcp: createMcpRuntime(config, () => services),
    oauth: createOauthRuntime(config, () => services),
  };
  services.oauth.start();
  const active = routes.filter((route) => route.auth !== "admin" || config.adminToken !== undefined);
  // Room for a 17 KiB token in a header, so it gets our 401 rather than node's bare 431.
  const server = http.createServer(
    { maxHeaderSize: MAX_HEADER_BYTES },
    createRequestHandler(services, active),
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
  server.on("upgrade", createUpgradeHandler(services, wss));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  log.info("listening", {
    port,
    host: config.host,
    db_mode: db.mode,
    llm_mock: config.llmMock,
    jwt_alg: keys.alg,
  });
  let stopping: Promise<void> | undefined;
  const stop = async () => {
    services.sockets.closeAll();
    await services.oauth.stop();
    await services.mcp.close();
    await services.runs.abortAll();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    wss.close();
    stopMock();
    await db.close();
  };
  return { port, dbMode: db.mode, stop: () => (stopping ??= stop()) };
}
