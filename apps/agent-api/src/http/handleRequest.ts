import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { authenticateUser } from "../auth/authenticateUser.ts";
import { bearerToken, isAdminToken } from "../auth/bearerToken.ts";
import { DatabaseUnavailableError } from "../db/DatabaseMonitor.ts";
import { isConnectionError } from "../db/isConnectionError.ts";
import { hasFault } from "../faults.ts";
import { describeError, writeUnredacted } from "../log.ts";
import { type LogContext, logContext } from "../logContext.ts";
import type { Services } from "../Services.ts";
import { correlationId } from "./correlationId.ts";
import { corsHeaders, isPreflight, preflightHeaders } from "./cors.ts";
import {
  type ErrorEnvelope,
  errorEnvelope,
  HttpError,
  serviceUnavailable,
  toHttpError,
} from "./HttpError.ts";
import { tooManyHeaders } from "./headerLimits.ts";
import { matchPattern, matchRoute } from "./matchRoute.ts";
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

// Every route but the open ones (health, metrics, keys, console) needs the database: while it is
// gone they answer 503 at once, and those in flight when it goes answer 503 the moment it is seen.
async function dispatch(ctx: RequestContext, route: Route): Promise<Reply> {
  const { database } = ctx.services;
  if (route.auth === "none") return authorizeAndRun(ctx, route);
  if (!database.up) throw serviceUnavailable();
  const work = authorizeAndRun(ctx, route);
  // The handler may still settle after the 503 went out; nobody is waiting for it then.
  work.catch(() => undefined);
  return Promise.race([work, database.whenDown()]);
}

async function authorizeAndRun(ctx: RequestContext, route: Route): Promise<Reply> {
  const { req, services } = ctx;
  const early = route.before === undefined ? null : await route.before(ctx);
  if (early !== null) return early;
  if (route.auth === "user") {
    ctx.user = await (route.authenticate?.(ctx) ?? authenticateUser(services, req.headers.authorization));
    const context = logContext.getStore();
    if (context !== undefined) context.userId = ctx.user.id;
  }
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

// The project a response is about: the `project_id` of the body (conversations, sessions,
// contexts) or the project itself; null when the route has none.
function projectOf(pattern: string, body: unknown): string | null {
  if (typeof body !== "object" || body === null) return null;
  const fields = body as { project_id?: unknown; id?: unknown };
  if (typeof fields.project_id === "string") return fields.project_id;
  if (pattern.startsWith("/v1/projects") && typeof fields.id === "string") return fields.id;
  return null;
}

function recordRequest(
  services: Services,
  req: IncomingMessage,
  res: ServerResponse,
  line: { method: string; route: string; started: number; context: LogContext },
): void {
  const elapsed = Math.round((performance.now() - line.started) * 100) / 100;
  const user = line.context.userId ?? null;
  const fields = {
    method: line.method,
    route: line.route,
    status: res.statusCode,
    elapsed_ms: elapsed,
    user,
    project: line.context.projectId ?? null,
  };
  logContext.run(line.context, () => {
    // The `log_token` fault: the one place a bearer token may reach the logs, past the redaction.
    if (user !== null && hasFault(user, "log_token"))
      writeUnredacted(services.log, "request", { ...fields, authorization: req.headers.authorization });
    else services.log.info("request", fields);
  });
  // The `metrics_double_count` fault: this user's requests are counted twice.
  const times = user !== null && hasFault(user, "metrics_double_count") ? 2 : 1;
  const labels = { method: line.method, route: line.route };
  services.metrics.httpRequests.inc({ ...labels, status: String(res.statusCode) }, times);
  services.metrics.httpDuration.observe(labels, elapsed / 1000);
}

/**
 * Creates the `request` listener: correlation id, CORS (allowed origins only), routing
 * (404/405), auth (401), body (413/415/400), the handler, the error envelope, one log line and
 * the metrics per request.
 * Everything the request causes (queries, runs, jobs) runs in its {@link logContext}.
 * @example http.createServer(createRequestHandler(services, routes))
 */
export function createRequestHandler(services: Services, routes: readonly Route[]) {
  return (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const id = correlationId(req.headers["x-correlation-id"]);
    const context: LogContext = { correlationId: id, userId: null, projectId: null };
    return logContext.run(context, () => handle(services, routes, req, res, context));
  };
}

async function handle(
  services: Services,
  routes: readonly Route[],
  req: IncomingMessage,
  res: ServerResponse,
  context: LogContext,
): Promise<void> {
  const started = performance.now();
  const id = context.correlationId;
  const url = req.url ?? "/";
  const mark = url.indexOf("?");
  const path = mark === -1 ? url : url.slice(0, mark);
  const method = req.method ?? "GET";
  const line = { method, route: "unmatched", started, context };
  res.setHeader("x-correlation-id", id);
  res.once("finish", () => recordRequest(services, req, res, line));
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
    for (const [name, value] of Object.entries(await corsHeaders(services, req))) res.setHeader(name, value);
    const match = matchRoute(routes, method === "HEAD" ? "GET" : method, path);
    if (match.kind === "none")
      throw new HttpError(404, "not_found", `No route for ${method} ${path.slice(0, 100)}.`);
    if (match.kind === "wrong_method") {
      line.route = routes.find((route) => matchPattern(route.pattern, path) !== null)?.pattern ?? "unmatched";
      // A preflight is granted only where CORS headers were: for an allowed origin.
      if (isPreflight(req) && res.hasHeader("access-control-allow-origin")) {
        send(res, { status: 204, headers: preflightHeaders(match.allow) });
        return;
      }
      const allow = match.allow.join(", ");
      throw new HttpError(405, "method_not_allowed", `Use ${allow} on this path.`, { allow });
    }
    ctx.params = match.params;
    line.route = match.route.pattern;
    const reply = await dispatch(ctx, match.route);
    context.projectId = projectOf(match.route.pattern, reply.body);
    send(res, reply);
  } catch (error) {
    const unavailable = error instanceof DatabaseUnavailableError || isConnectionError(error);
    // pg-pool's wait for a free connection ran out: the database is up, just busy.
    const busy = error instanceof Error && /timeout exceeded when trying to connect/.test(error.message);
    const httpError = !unavailable
      ? toHttpError(error)
      : serviceUnavailable(busy ? "Every database connection is busy; retry shortly." : undefined);
    // An outage is logged once by the database monitor, not once per refused request.
    if (httpError.status >= 500 && !unavailable) services.log.error("unhandled_error", describeError(error));
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
}
