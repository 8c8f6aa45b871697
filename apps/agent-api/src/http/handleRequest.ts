import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { authenticateUser } from "../auth/authenticateUser.ts";
import { bearerToken, isAdminToken } from "../auth/bearerToken.ts";
import { hasFault } from "../faults.ts";
import { describeError } from "../log.ts";
import type { Services } from "../Services.ts";
import { correlationId } from "./correlationId.ts";
import { corsHeaders, isPreflight, preflightHeaders } from "./cors.ts";
import { type ErrorEnvelope, errorEnvelope, HttpError, toHttpError } from "./HttpError.ts";
import { tooManyHeaders } from "./headerLimits.ts";
import { matchRoute } from "./matchRoute.ts";
import type { Reply, RequestContext, Route } from "./Route.ts";
import { readJsonBody } from "./readJsonBody.ts";

// A web-standard Response (the MCP SDK's answer), SSE streams included: the stream ends when
// the Response body ends or the client goes away, whichever comes first.
function sendWeb(res: ServerResponse, web: Response, extra: Record<string, string>): void {
  const headers: Record<string, string> = { "cache-control": "no-store", ...extra };
  web.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(web.status, headers);
  if (web.body === null) {
    res.end();
    return;
  }
  // An SSE stream may stay quiet for long: the client must see the headers now, not at the first event.
  res.flushHeaders();
  const body = Readable.fromWeb(web.body as NodeReadableStream<Uint8Array>);
  res.once("close", () => body.destroy());
  body.once("error", () => res.destroy());
  body.pipe(res);
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.web !== undefined) {
    sendWeb(res, reply.web, reply.headers ?? {});
    return;
  }
  const headers: Record<string, string> = { "cache-control": "no-store", ...reply.headers };
  if (reply.raw !== undefined) {
    res.writeHead(reply.status, { ...headers, "content-length": String(reply.raw.length) }).end(reply.raw);
  } else if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
  } else {
    const json = JSON.stringify(reply.body);
    res.writeHead(reply.status, { ...headers, "content-type": "application/json; charset=utf-8" }).end(json);
  }
}

// The `stack_traces` fault: the one place a stack may reach a client, for that user only.
function withFaultyStack(envelope: ErrorEnvelope, ctx: RequestContext, error: unknown): object {
  if (ctx.user === null || !hasFault(ctx.user.id, "stack_traces") || !(error instanceof Error))
    return envelope;
  return { error: { ...envelope.error, stack: error.stack } };
}

async function dispatch(ctx: RequestContext, route: Route): Promise<Reply> {
  const { req, services } = ctx;
  const early = route.before === undefined ? null : await route.before(ctx);
  if (early !== null) return early;
  if (route.auth === "user")
    ctx.user = await (route.authenticate?.(ctx) ?? authenticateUser(services, req.headers.authorization));
  if (
    route.auth === "admin" &&
    !isAdminToken(bearerToken(req.headers.authorization), services.config.adminToken)
  ) {
    const sent = req.headers.authorization !== undefined;
    const challenge = sent ? 'Bearer realm="assay", error="invalid_token"' : 'Bearer realm="assay"';
    throw new HttpError(401, "unauthorized", "Send the admin token as a bearer token.", {
      "www-authenticate": challenge,
    });
  }
  if (route.body) ctx.body = await readJsonBody(req);
  return route.handler(ctx);
}

/**
 * Creates the `request` listener: correlation id, CORS (allowed origins only), routing
 * (404/405), auth (401), body (413/415/400), the handler, the error envelope, and one log line
 * per request.
 * @example http.createServer(createRequestHandler(services, routes))
 */
export function createRequestHandler(services: Services, routes: readonly Route[]) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const id = correlationId(req.headers["x-correlation-id"]);
    const url = req.url ?? "/";
    const mark = url.indexOf("?");
    const path = mark === -1 ? url : url.slice(0, mark);
    const method = req.method ?? "GET";
    res.setHeader("x-correlation-id", id);
    res.once("finish", () => {
      const duration = Math.round((performance.now() - started) * 100) / 100;
      const fields = { correlation_id: id, method, path, status: res.statusCode, duration_ms: duration };
      services.log.info("request", fields);
    });
    const ctx: RequestContext = {
      req,
      path,
      params: {},
      query: new URLSearchParams(mark === -1 ? "" : url.slice(mark + 1)),
      body: undefined,
      user: null,
      correlationId: id,
      services,
      routes,
    };
    try {
      const headerProblem = tooManyHeaders(req);
      if (headerProblem !== null) throw headerProblem;
      // Set first, so errors carry them too: a browser may read a refusal it was allowed to ask for.
      for (const [name, value] of Object.entries(await corsHeaders(services, req)))
        res.setHeader(name, value);
      const match = matchRoute(routes, method === "HEAD" ? "GET" : method, path);
      if (match.kind === "none")
        throw new HttpError(404, "not_found", `No route for ${method} ${path.slice(0, 100)}.`);
      if (match.kind === "wrong_method") {
        // A preflight is granted only where CORS headers were: for an allowed origin.
        if (isPreflight(req) && res.hasHeader("access-control-allow-origin")) {
          send(res, { status: 204, headers: preflightHeaders(match.allow) });
          return;
        }
        const allow = match.allow.join(", ");
        throw new HttpError(405, "method_not_allowed", `Use ${allow} on this path.`, { allow });
      }
      ctx.params = match.params;
      send(res, await dispatch(ctx, match.route));
    } catch (error) {
      const httpError = toHttpError(error);
      if (httpError.status >= 500)
        services.log.error("unhandled_error", { correlation_id: id, ...describeError(error) });
      // The rest of an oversized request is not worth reading: close once answered.
      const closing = httpError.status === 413 || httpError.status === 431;
      const headers = closing ? { ...httpError.headers, connection: "close" } : httpError.headers;
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const envelope = errorEnvelope(httpError.code, httpError.message, id);
      send(res, { status: httpError.status, headers, body: withFaultyStack(envelope, ctx, error) });
    }
  };
}
