import { isLegacyRequest, localhostAllowedOrigins, validateOriginHeader } from "@modelcontextprotocol/server";
import { hasFault } from "../faults.ts";
import { caller } from "../handlers/caller.ts";
import { errorEnvelope, HttpError } from "../http/HttpError.ts";
import type { Reply, RequestContext } from "../http/Route.ts";
import { readJsonBody } from "../http/readJsonBody.ts";
import { authenticateMcp } from "../oauth/authenticateMcp.ts";
import { MCP_VERSIONS } from "./createMcpServer.ts";
import { runMcpRequest } from "./mcpRequest.ts";

/** The MCP endpoint's path. */
export const MCP_PATH = "/mcp";
const SESSION_HEADER = "mcp-session-id";
/** `UnsupportedProtocolVersionError`'s code (2026-07-28). */
const UNSUPPORTED_VERSION = -32022;

/**
 * A JSON-RPC error answer without an `id`: the official schemas allow the id to be absent but
 * never `null`, which is what the SDK's own transport-level errors carry.
 */
function rpcError(
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): Reply & { web: Response } {
  return {
    status,
    web: Response.json({ jsonrpc: "2.0", error: { code, message } }, { status, headers }),
  };
}

// Same-origin (the Host the client reached us by) and loopback origins are ours; anything else
// is a page trying its luck (DNS rebinding) and gets 403.
function originAllowed(ctx: RequestContext): boolean {
  const origin = ctx.req.headers.origin;
  if (origin === undefined) return true;
  const host = (ctx.req.headers.host ?? "").replace(/:\d+$/, "");
  return validateOriginHeader(origin, [...localhostAllowedOrigins(), ...(host === "" ? [] : [host])]).ok;
}

/**
 * Runs before authentication on `/mcp`: an Origin that is present and not ours is 403, token or
 * not — except for a user under the `mcp_origin_unchecked` fault (the token is read to tell).
 * @example route.before = checkMcpOrigin;
 */
export async function checkMcpOrigin(ctx: RequestContext): Promise<Reply | null> {
  if (originAllowed(ctx)) return null;
  const user = await authenticateMcp(ctx).catch(() => null);
  if (user !== null && hasFault(user.id, "mcp_origin_unchecked")) return null;
  return rpcError(403, -32000, "Forbidden: this Origin may not call the MCP endpoint.");
}

/**
 * The request as the SDK reads it: the same method and headers; the body is handed over parsed.
 * A client going away is seen by the SDK as its response stream being cancelled (`sendWeb`).
 */
function toWebRequest(ctx: RequestContext): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(ctx.req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const host = ctx.req.headers.host ?? "127.0.0.1";
  return new Request(`http://${host}${ctx.req.url ?? MCP_PATH}`, { method: ctx.req.method, headers });
}

async function readRpcBody(ctx: RequestContext): Promise<{ body: unknown } | Reply> {
  try {
    const body = await readJsonBody(ctx.req);
    if (body === undefined)
      return rpcError(400, -32600, "Invalid Request: send one JSON-RPC message as the body.");
    return { body };
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    if (error.code === "invalid_json") return rpcError(400, -32700, `Parse error: ${error.message}`);
    return rpcError(error.status, -32600, `Invalid Request: ${error.message}`, error.headers);
  }
}

/**
 * Two repairs of the SDK's JSON answers, in the service layer in front of it:
 * - transport-level errors carry `"id": null`, which the MCP schemas refuse (the id may be absent,
 *   never null): the id is dropped;
 * - the unsupported-version error lists only 2026-07-28 in `data.supported` although this
 *   endpoint serves 2025-11-25 and 2025-06-18 too (through `initialize`): it lists them all, as
 *   the versioning page's own example does.
 */
async function repairSdkAnswer(response: Response): Promise<Response> {
  if (!(response.headers.get("content-type") ?? "").includes("application/json")) return response;
  const text = await response.text();
  let message: { id?: unknown; error?: { code?: unknown; data?: { supported?: unknown } } } | undefined;
  try {
    message = JSON.parse(text);
  } catch {
    message = undefined;
  }
  let fixed = text;
  if (typeof message === "object" && message !== null && !Array.isArray(message)) {
    if (message.id === null) delete message.id;
    const data = message.error?.data;
    if (message.error?.code === UNSUPPORTED_VERSION && Array.isArray(data?.supported))
      data.supported = [...MCP_VERSIONS];
    fixed = JSON.stringify(message);
  }
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return new Response(fixed, { status: response.status, headers });
}

function isInitialize(body: unknown): boolean {
  return (
    typeof body === "object" &&
    body !== null &&
    !Array.isArray(body) &&
    "method" in body &&
    body.method === "initialize"
  );
}

function unknownSession(ctx: RequestContext): Reply & { web: Response } {
  // The `mcp_unknown_session_400` fault: the status an MCP client cannot recover from.
  const status = hasFault(caller(ctx).id, "mcp_unknown_session_400") ? 400 : 404;
  return rpcError(
    status,
    -32001,
    "Session not found: it ended, expired or is not yours. Send initialize again.",
  );
}

/** Whether an Accept header lists both media types a Streamable HTTP answer may have. */
function acceptsBothAnswers(accept: string | undefined): boolean {
  const types = (accept ?? "").split(",").map((part) => (part.split(";")[0] ?? "").trim().toLowerCase());
  return types.includes("application/json") && types.includes("text/event-stream");
}

/**
 * `POST|GET|DELETE /mcp`: the MCP endpoint (Streamable HTTP). A request carrying the 2026-07-28
 * per-request `_meta` envelope goes to the SDK's stateless handler; everything else is the
 * session era: `initialize` opens a session, the rest must name one in `Mcp-Session-Id`.
 */
export async function handleMcp(ctx: RequestContext): Promise<Reply> {
  const user = caller(ctx);
  const method = ctx.req.method ?? "GET";
  let body: unknown;
  if (method === "POST") {
    const read = await readRpcBody(ctx);
    if (!("body" in read)) return read;
    body = read.body;
  }
  const request = toWebRequest(ctx);
  const state = { services: ctx.services, user, correlationId: ctx.correlationId, throw500: false };
  const response = await runMcpRequest(state, async () => {
    const { mcp } = ctx.services;
    if (method === "POST" && !(await isLegacyRequest(request, body))) {
      // The SDK's session transport refuses a client that cannot take both answers; its
      // stateless handler does not check, so the endpoint does, the same way in both eras.
      if (!acceptsBothAnswers(ctx.req.headers.accept))
        return rpcError(
          406,
          -32000,
          "Not Acceptable: the Accept header must list application/json and text/event-stream.",
        ).web;
      // A stateless client ignores sessions: a stray Mcp-Session-Id changes nothing.
      return mcp.modern.fetch(request, { parsedBody: body });
    }
    const sessionId = ctx.req.headers[SESSION_HEADER];
    if (method === "POST" && isInitialize(body)) {
      const transport = await mcp.sessions.open(user);
      return transport.handleRequest(request, { parsedBody: body });
    }
    if (typeof sessionId !== "string") {
      if (method !== "POST")
        return rpcError(405, -32000, "Method not allowed: GET and DELETE need an Mcp-Session-Id.", {
          allow: "POST",
        }).web;
      return rpcError(400, -32000, "Bad Request: Mcp-Session-Id header is required (send initialize first).")
        .web;
    }
    const session = mcp.sessions.find(sessionId, user.id);
    if (session === null) return unknownSession(ctx).web;
    return session.transport.handleRequest(request, body === undefined ? {} : { parsedBody: body });
  });
  if (state.throw500) {
    return {
      status: 500,
      body: errorEnvelope("internal", "Something went wrong on our side.", ctx.correlationId),
    };
  }
  return { status: response.status, web: await repairSdkAnswer(response) };
}
