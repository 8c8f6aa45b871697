import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { WebSocketServer } from "ws";
import { authenticateToken } from "../auth/authenticateUser.ts";
import { bearerToken } from "../auth/bearerToken.ts";
import { defaultProjectId } from "../db/projectStore.ts";
import { insertSession, type Session } from "../db/sessionStore.ts";
import { correlationId } from "../http/correlationId.ts";
import { HttpError, toHttpError } from "../http/HttpError.ts";
import { tooManyHeaders } from "../http/headerLimits.ts";
import type { User } from "../http/Route.ts";
import { writeRawError } from "../http/writeRawError.ts";
import { describeError } from "../log.ts";
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
  return async (req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    const started = performance.now();
    const id = correlationId(req.headers["x-correlation-id"]);
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    socket.on("error", (error) => services.log.debug("upgrade_socket_error", describeError(error)));
    const logLine = (status: number) =>
      services.log.info("request", {
        correlation_id: id,
        method: req.method ?? "GET",
        path,
        status,
        duration_ms: Math.round((performance.now() - started) * 100) / 100,
      });
    let opened: { user: User; exp: number; session: Session };
    try {
      const headerProblem = tooManyHeaders(req);
      if (headerProblem !== null) throw headerProblem;
      if (path !== WS_PATH) throw new HttpError(404, "not_found", `No WebSocket at ${path.slice(0, 100)}.`);
      const problem = upgradeProblem(req);
      if (problem !== null) throw problem;
      const { user, exp } = await authenticateToken(services, upgradeToken(req.headers));
      // The session row exists before the socket does, so the first frame can already use it.
      const session = await insertSession(
        services.pool,
        user.id,
        await defaultProjectId(services.pool, user.id),
      );
      if (session === null) throw new Error("the default project vanished while opening a session");
      opened = { user, exp, session };
    } catch (error) {
      const httpError = toHttpError(error);
      if (httpError.status >= 500)
        services.log.error("unhandled_error", { correlation_id: id, ...describeError(error) });
      writeRawError(socket, httpError, id);
      logLine(httpError.status);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      logLine(101);
      openSession(services, ws, { ...opened, correlationId: id });
    });
  };
}
