import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { WebSocketServer } from "ws";
import { authenticateToken } from "../auth/authenticateUser.ts";
import { bearerToken } from "../auth/bearerToken.ts";
import { isConnectionError } from "../db/isConnectionError.ts";
import { defaultProjectId } from "../db/projectStore.ts";
import { insertSession, type Session } from "../db/sessionStore.ts";
import { correlationId } from "../http/correlationId.ts";
import { HttpError, serviceUnavailable, toHttpError } from "../http/HttpError.ts";
import { tooManyHeaders } from "../http/headerLimits.ts";
import type { User } from "../http/Route.ts";
import { writeRawError } from "../http/writeRawError.ts";
import { describeError } from "../log.ts";
import { type LogContext, logContext } from "../logContext.ts";
import { WS_PATH } from "../routes.ts";
import type { Services } from "../Services.ts";
import { openSession } from "./openSession.ts";
import { upgradeProblem } from "./upgradeProblem.ts";

/** The subprotocol the server selects; browsers send the token as `bearer.<JWT>` beside it. */
export const SUBPROTOCOL = "assay.v1";

/**
 * The token of an upgrade: the `Authorization` header, else the `bearer.<JWT>` subprotocol.
 * @example upgradeToken(req.headers) // "eyJ…" or null
 */
export function upgradeToken(headers: IncomingMessage["headers"]): string | null {
  const fromHeader = bearerToken(headers.authorization);
  if (fromHeader !== null) return fromHeader;
  const offered = (headers["sec-websocket-protocol"] ?? "").split(",").map((p) => p.trim());
  const bearer = offered.find((p) => p.startsWith("bearer.") && p.length > 7);
  return bearer === undefined ? null : bearer.slice(7);
}

/**
 * Creates the server's `upgrade` listener: only `/v1/ws`, and only with a valid token; a
 * refusal is a plain HTTP answer with the error envelope, before any socket exists.
 * @example server.on("upgrade", createUpgradeHandler(services, wss));
 */
export function createUpgradeHandler(services: Services, wss: WebSocketServer) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    const id = correlationId(req.headers["x-correlation-id"]);
    const context: LogContext = { correlationId: id, userId: null, projectId: null };
    return logContext.run(context, () => upgrade(services, wss, { req, socket, head, context }));
  };
}

async function upgrade(
  services: Services,
  wss: WebSocketServer,
  { req, socket, head, context }: { req: IncomingMessage; socket: Duplex; head: Buffer; context: LogContext },
): Promise<void> {
  const started = performance.now();
  const id = context.correlationId;
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  socket.on("error", (error) => services.log.debug("upgrade_socket_error", describeError(error)));
  const logLine = (status: number) => {
    const route = path === WS_PATH ? WS_PATH : "unmatched";
    const elapsed = Math.round((performance.now() - started) * 100) / 100;
    const labels = { method: req.method ?? "GET", route };
    services.metrics.httpRequests.inc({ ...labels, status: String(status) });
    services.metrics.httpDuration.observe(labels, elapsed / 1000);
    services.log.info("request", {
      ...labels,
      status,
      elapsed_ms: elapsed,
      user: context.userId ?? null,
      project: context.projectId ?? null,
    });
  };
  let opened: { user: User; exp: number; session: Session };
  try {
    const headerProblem = tooManyHeaders(req);
    if (headerProblem !== null) throw headerProblem;
    if (path !== WS_PATH) throw new HttpError(404, "not_found", `No WebSocket at ${path.slice(0, 100)}.`);
    const problem = upgradeProblem(req);
    if (problem !== null) throw problem;
    if (!services.database.up) throw serviceUnavailable();
    const { user, exp } = await authenticateToken(services, upgradeToken(req.headers));
    context.userId = user.id;
    // The session row exists before the socket does, so the first frame can already use it.
    const session = await insertSession(
      services.pool,
      user.id,
      await defaultProjectId(services.pool, user.id),
    );
    if (session === null) throw new Error("the default project vanished while opening a session");
    opened = { user, exp, session };
    context.projectId = session.project_id;
  } catch (error) {
    const unavailable = isConnectionError(error);
    const httpError = unavailable ? serviceUnavailable() : toHttpError(error);
    if (httpError.status >= 500 && !unavailable) services.log.error("unhandled_error", describeError(error));
    writeRawError(socket, httpError, id);
    logLine(httpError.status);
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => {
    logLine(101);
    services.metrics.wsOpened.inc();
    services.log.info("session_created", {
      session_id: opened.session.id,
      user: opened.user.id,
      project: opened.session.project_id,
      via: "websocket",
    });
    openSession(services, ws, { ...opened, correlationId: id });
  });
}
