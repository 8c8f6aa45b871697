import {
  eraOf,
  isRevision,
  LATEST_SESSION_REVISION,
  type McpEra,
  type McpRevision,
  STATELESS_REVISION,
} from "../protocol/revisions.ts";
import { messageKind, validateMessage } from "../protocol/validateMessage.ts";
import { detectEra } from "./detectEra.ts";
import { encodeHeaderValue } from "./encodeHeaderValue.ts";
import type { McpExchange } from "./McpExchange.ts";
import type { McpTool } from "./McpTool.ts";
import { sendHttp } from "./sendHttp.ts";
import { type ParamHeaders, paramHeaderValues, readParamHeaders } from "./toolParamHeaders.ts";

export type { McpEra } from "../protocol/revisions.ts";
export type { McpExchange } from "./McpExchange.ts";
export type { McpTool } from "./McpTool.ts";

/** A JSON-RPC response as received: a result or an error, `undefined` when none came. */
// biome-ignore lint/suspicious/noExplicitAny: callers read `result`/`error` members of any shape; the schema checks stand behind them.
export type McpResponse = any;

/** What a request resolves to: the response message (if one came) and its exchange. */
export type McpAnswer = { response: McpResponse; exchange: McpExchange };

/** Header overrides for one exchange: a string sets, `null` removes a header the client would send. */
export type HeaderOverrides = Record<string, string | null>;

export type RequestOptions = { headers?: HeaderOverrides; timeoutMs?: number };

/** One exchange exactly as given, for protocol checks that must send what a client never would. */
export type SendOptions = {
  httpMethod?: McpExchange["httpMethod"];
  /** A JSON value (serialised) or a raw string (sent byte for byte); none for GET/DELETE. */
  body?: unknown;
  headers?: HeaderOverrides;
  timeoutMs?: number;
  /** SSE answers: how long to read after the headers (a GET stream never ends); default 500 ms. */
  streamWindowMs?: number;
};

export type McpClientOptions = {
  /** The MCP endpoint, e.g. `http://127.0.0.1:4310/mcp`. */
  url: string;
  /** Bearer token sent on every exchange. */
  token?: string;
  /** `auto` (default): `server/discover` first, `initialize` when the server is not stateless. */
  era?: McpEra | "auto";
  /** The revision to speak; implies the era. Default: 2026-07-28 when stateless, 2025-11-25 else. */
  protocolVersion?: string;
  /** Sent on every exchange (after the client's own, so they can override them). */
  headers?: Record<string, string>;
  /** Sends `Origin` (the transport's DNS-rebinding rule is about it). */
  origin?: string;
  /** Per exchange, headers to last byte; default 10 000. */
  timeoutMs?: number;
  clientInfo?: { name: string; version: string };
};

export type McpClient = {
  readonly url: string;
  readonly era: McpEra;
  /** The negotiated revision: what `initialize` answered, or 2026-07-28. */
  readonly protocolVersion: McpRevision;
  /** The `Mcp-Session-Id` the server assigned (session era), if any. */
  readonly sessionId: string | undefined;
  /** The `initialize` result (session era) or the `server/discover` result (stateless era). */
  readonly serverInfo: unknown;
  /** JSON-RPC request; resolves to the response message (result or error) plus the exchange. */
  request(method: string, params?: Record<string, unknown>, options?: RequestOptions): Promise<McpAnswer>;
  notify(method: string, params?: Record<string, unknown>, options?: RequestOptions): Promise<McpExchange>;
  /** Every tool, following `nextCursor` to the end. */
  listTools(): Promise<McpTool[]>;
  callTool(name: string, args: unknown, options?: RequestOptions): Promise<McpAnswer>;
  /** One exchange as given (see {@link SendOptions}); received messages are still checked. */
  send(options: SendOptions): Promise<McpExchange>;
  /** Every exchange so far, in order (for oracles and token counts). */
  readonly exchanges: McpExchange[];
  /** Every problem of every exchange, each line naming its exchange. */
  problems(): string[];
  /** Sends DELETE with the session id (session era); nothing to do when stateless. */
  close(): Promise<void>;
};

const DEFAULT_CLIENT_INFO = { name: "assay", version: "0.1.0" };
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * Connects to an MCP endpoint over raw HTTP and returns a client that records every exchange and
 * checks every message sent and received against the official schema of the negotiated
 * revision. Problems (schema breaches, unparseable bodies, a request without its response, ids
 * not echoed) are recorded on the exchange, never thrown: suites assert them. Connecting throws
 * (`[assay/mcp] …`) only when no session can be had at all.
 *
 * @example
 * const client = await createMcpClient({ url: "http://127.0.0.1:4310/mcp", token });
 * const tools = await client.listTools();
 * const { response } = await client.callTool("health", {});
 * expect(client.problems()).toEqual([]);
 * await client.close();
 */
export async function createMcpClient(options: McpClientOptions): Promise<McpClient> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const clientInfo = options.clientInfo ?? DEFAULT_CLIENT_INFO;
  const exchanges: McpExchange[] = [];
  const tools = new Map<string, ParamHeaders>();
  let nextId = 1;
  let closed = false;
  const state: { era: McpEra; revision: McpRevision; sessionId?: string; serverInfo?: unknown } = {
    era: "session",
    revision: LATEST_SESSION_REVISION,
  };

  function baseHeaders(): Record<string, string> {
    const headers: Record<string, string> = {
      Accept: "application/json, text/event-stream",
      "Content-Type": "application/json",
    };
    if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
    if (options.origin !== undefined) headers.Origin = options.origin;
    headers["MCP-Protocol-Version"] = state.revision;
    if (state.sessionId !== undefined) headers["Mcp-Session-Id"] = state.sessionId;
    return { ...headers, ...options.headers };
  }

  function merge(headers: Record<string, string>, overrides: HeaderOverrides = {}): Record<string, string> {
    const out = { ...headers };
    for (const [name, value] of Object.entries(overrides)) {
      for (const key of Object.keys(out)) if (key.toLowerCase() === name.toLowerCase()) delete out[key];
      if (value !== null) out[name] = value;
    }
    return out;
  }

  /** Checks every received message; `pending` maps request ids to their methods. */
  function judge(exchange: McpExchange, pending: Map<unknown, string>): void {
    for (const message of exchange.messages) {
      const id = (message as { id?: unknown } | null)?.id;
      const kind = messageKind(message);
      const method = kind === "result" || kind === "error" ? pending.get(id) : undefined;
      exchange.problems.push(
        ...validateMessage(message, { revision: state.revision, direction: "received", method }),
      );
    }
  }

  function record(exchange: McpExchange): McpExchange {
    exchanges.push(exchange);
    return exchange;
  }

  function withMeta(params: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
    if (state.era !== "stateless") return params;
    const meta = (params?._meta ?? {}) as Record<string, unknown>;
    return {
      ...params,
      _meta: {
        "io.modelcontextprotocol/protocolVersion": state.revision,
        "io.modelcontextprotocol/clientInfo": clientInfo,
        "io.modelcontextprotocol/clientCapabilities": {},
        ...meta,
      },
    };
  }

  function requestHeaders(
    method: string,
    params: Record<string, unknown> | undefined,
  ): Record<string, string> {
    const headers = baseHeaders();
    if (state.era !== "stateless") return headers;
    // 2026-07-28 mirrors the method and the target's name into headers for intermediaries.
    headers["Mcp-Method"] = method;
    const name = params?.name ?? params?.uri;
    if (typeof name === "string" && ["tools/call", "resources/read", "prompts/get"].includes(method)) {
      headers["Mcp-Name"] = encodeHeaderValue(name);
    }
    if (method === "tools/call" && typeof params?.name === "string") {
      const declared = tools.get(params.name);
      if (declared !== undefined) Object.assign(headers, paramHeaderValues(declared, params.arguments));
    }
    return headers;
  }

  async function request(
    method: string,
    params?: Record<string, unknown>,
    requestOptions: RequestOptions = {},
  ): Promise<McpAnswer> {
    const id = nextId++;
    const fullParams = withMeta(params);
    const body = { jsonrpc: "2.0", id, method, ...(fullParams === undefined ? {} : { params: fullParams }) };
    const exchange = await sendHttp({
      url: options.url,
      httpMethod: "POST",
      method,
      headers: merge(requestHeaders(method, fullParams), requestOptions.headers),
      body,
      timeoutMs: requestOptions.timeoutMs ?? timeoutMs,
      enough: (messages) => messages.some((m) => isResponseTo(m, id)),
    });
    exchange.problems.unshift(...validateMessage(body, { revision: state.revision, direction: "sent" }));
    judge(exchange, new Map([[id, method]]));
    const response = exchange.messages.find((m) => isResponseTo(m, id));
    if (response === undefined) {
      const other = exchange.messages.find((m) => {
        const kind = messageKind(m);
        return kind === "result" || kind === "error";
      }) as { id?: unknown } | undefined;
      // A well-formed request's id can be read, so its answer MUST carry it (basic: Responses).
      exchange.problems.push(
        other === undefined
          ? `POST ${method}: no JSON-RPC response to request id ${id} (HTTP ${exchange.status}${exchange.body === "" ? ", empty body" : ""})`
          : `POST ${method}: the response carries id ${JSON.stringify(other.id)}, not the request's id ${id} (ids MUST be echoed)`,
      );
    }
    record(exchange);
    // Without its own answer, an error with no id is still what the server said.
    return { response: response ?? idlessError(exchange), exchange };
  }

  async function notify(
    method: string,
    params?: Record<string, unknown>,
    requestOptions: RequestOptions = {},
  ): Promise<McpExchange> {
    const body = { jsonrpc: "2.0", method, ...(params === undefined ? {} : { params }) };
    const headers = baseHeaders();
    if (state.era === "stateless") headers["Mcp-Method"] = method;
    const exchange = await sendHttp({
      url: options.url,
      httpMethod: "POST",
      method,
      headers: merge(headers, requestOptions.headers),
      body,
      timeoutMs: requestOptions.timeoutMs ?? timeoutMs,
    });
    exchange.problems.unshift(...validateMessage(body, { revision: state.revision, direction: "sent" }));
    judge(exchange, new Map());
    return record(exchange);
  }

  async function send(sendOptions: SendOptions): Promise<McpExchange> {
    const httpMethod = sendOptions.httpMethod ?? "POST";
    const body = sendOptions.body;
    const message =
      typeof body === "object" && body !== null ? (body as { id?: unknown; method?: unknown }) : {};
    const method =
      httpMethod !== "POST" ? httpMethod : typeof message.method === "string" ? message.method : "(raw)";
    const headers = baseHeaders();
    if (httpMethod !== "POST") delete headers["Content-Type"];
    if (httpMethod === "GET") headers.Accept = "text/event-stream";
    if (state.era === "stateless" && typeof message.method === "string")
      headers["Mcp-Method"] = message.method;
    const exchange = await sendHttp({
      url: options.url,
      httpMethod,
      method,
      headers: merge(headers, sendOptions.headers),
      body,
      timeoutMs: sendOptions.timeoutMs ?? timeoutMs,
      streamWindowMs: sendOptions.streamWindowMs ?? (httpMethod === "GET" ? 500 : undefined),
      enough:
        message.id === undefined
          ? undefined
          : (messages) => messages.some((m) => isResponseTo(m, message.id)),
    });
    judge(exchange, new Map(message.id === undefined ? [] : [[message.id, method]]));
    return record(exchange);
  }

  async function listTools(): Promise<McpTool[]> {
    const all: McpTool[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (let page = 1; ; page++) {
      const { response, exchange } = await request(
        "tools/list",
        cursor === undefined ? undefined : { cursor },
      );
      const result = response?.result as { tools?: unknown; nextCursor?: unknown } | undefined;
      if (!Array.isArray(result?.tools)) {
        throw new Error(
          `[assay/mcp] tools/list (page ${page}) gave no tool list: ${exchange.problems.join("; ") || JSON.stringify(response)}`,
        );
      }
      for (const tool of result.tools as McpTool[]) {
        // Names identify tools; a name twice (pages of an unstable order) leaves one uncallable.
        if (all.some((known) => known.name === tool.name)) {
          exchange.problems.push(
            `POST tools/list: tool ${JSON.stringify(tool.name)} is listed more than once`,
          );
          continue;
        }
        const headers = readParamHeaders(tool);
        exchange.problems.push(...headers.problems);
        tools.set(tool.name, headers);
        all.push(tool);
      }
      if (typeof result.nextCursor !== "string") return all;
      if (seen.has(result.nextCursor)) {
        exchange.problems.push(
          `POST tools/list: nextCursor ${JSON.stringify(result.nextCursor)} repeats; stopped`,
        );
        return all;
      }
      seen.add(result.nextCursor);
      cursor = result.nextCursor;
    }
  }

  const connected = await connect();
  Object.assign(state, connected);

  async function connect(): Promise<Partial<typeof state>> {
    const wanted = options.protocolVersion;
    if (wanted !== undefined && !isRevision(wanted)) {
      throw new Error(
        `[assay/mcp] protocolVersion ${JSON.stringify(wanted)} is not a revision Assay speaks; use 2026-07-28, 2025-11-25 or 2025-06-18.`,
      );
    }
    const era = options.era ?? (wanted === undefined ? "auto" : eraOf(wanted));
    if (wanted !== undefined && era !== "auto" && eraOf(wanted) !== era) {
      throw new Error(
        `[assay/mcp] protocolVersion ${wanted} belongs to the ${eraOf(wanted)} era, not ${era}.`,
      );
    }
    if (era !== "session") {
      state.era = "stateless";
      state.revision = STATELESS_REVISION;
      const probe = await request("server/discover");
      const outcome = detectEra(probe);
      if (outcome.era === "stateless") return { serverInfo: probe.response.result };
      if (outcome.era === "none")
        throw new Error(`[assay/mcp] Cannot connect to ${options.url}: ${outcome.reason}`);
      if (era === "stateless") {
        throw new Error(
          `[assay/mcp] ${options.url} does not speak the stateless era (2026-07-28): ${outcome.reason}`,
        );
      }
      // A legacy server's answer to a modern request is not judged by the modern schema.
      probe.exchange.problems.length = 0;
      state.era = "session";
      state.revision = LATEST_SESSION_REVISION;
    }
    return initialize(wanted ?? LATEST_SESSION_REVISION);
  }

  async function initialize(version: McpRevision): Promise<Partial<typeof state>> {
    state.revision = version;
    const { response, exchange } = await request(
      "initialize",
      { protocolVersion: version, capabilities: {}, clientInfo },
      // Before initialize there is no version to declare; the header comes with later requests.
      { headers: { "MCP-Protocol-Version": null } },
    );
    const result = response?.result as { protocolVersion?: unknown } | undefined;
    if (result === undefined) {
      throw new Error(
        `[assay/mcp] initialize at ${options.url} failed: HTTP ${exchange.status}${authHint(exchange.status)}; ${
          response?.error
            ? `error ${response.error.code}: ${response.error.message}`
            : exchange.problems.join("; ")
        }`,
      );
    }
    if (!isRevision(result.protocolVersion)) {
      throw new Error(
        `[assay/mcp] ${options.url} answered initialize with protocol version ${JSON.stringify(result.protocolVersion)}, which Assay does not speak (2025-11-25, 2025-06-18).`,
      );
    }
    const sessionId = exchange.headers.get("mcp-session-id") ?? undefined;
    if (sessionId !== undefined && !VISIBLE_ASCII.test(sessionId)) {
      exchange.problems.push(
        `POST initialize: Mcp-Session-Id ${JSON.stringify(sessionId)} has characters outside visible ASCII (0x21-0x7E)`,
      );
    }
    state.revision = result.protocolVersion;
    state.sessionId = sessionId;
    const initialized = await notify("notifications/initialized");
    if (initialized.status !== 202 || initialized.body !== "") {
      initialized.problems.push(
        `POST notifications/initialized: HTTP ${initialized.status}${initialized.body === "" ? "" : " with a body"}; an accepted notification MUST get 202 with no body`,
      );
    }
    return { era: "session", revision: result.protocolVersion, sessionId, serverInfo: result };
  }

  return {
    url: options.url,
    get era() {
      return state.era;
    },
    get protocolVersion() {
      return state.revision;
    },
    get sessionId() {
      return state.sessionId;
    },
    get serverInfo() {
      return state.serverInfo;
    },
    request,
    notify,
    listTools,
    callTool: (name, args, requestOptions) =>
      request("tools/call", { name, arguments: args as Record<string, unknown> }, requestOptions),
    send,
    exchanges,
    problems: () =>
      exchanges.flatMap((exchange, index) => exchange.problems.map((problem) => `#${index + 1} ${problem}`)),
    async close() {
      if (closed) return;
      closed = true;
      if (state.era !== "session" || state.sessionId === undefined) return;
      const exchange = await send({ httpMethod: "DELETE" });
      // 405: the server does not let clients end sessions, which the transport allows.
      if (![200, 202, 204, 405].includes(exchange.status)) {
        exchange.problems.push(`DELETE: HTTP ${exchange.status} ending the session`);
      }
    },
  };
}

function isResponseTo(message: unknown, id: unknown): boolean {
  const kind = messageKind(message);
  return (kind === "result" || kind === "error") && (message as { id?: unknown }).id === id;
}

function idlessError(exchange: McpExchange): McpResponse {
  return exchange.messages.find(
    // JSON-RPC 2.0 writes the unreadable id as null; MCP leaves it out.
    (m) => messageKind(m) === "error" && ((m as { id?: unknown }).id ?? null) === null,
  );
}

function authHint(status: number): string {
  return status === 401 || status === 403 ? " (check the token: ASSAY_MCP_TOKEN or the test user's)" : "";
}
