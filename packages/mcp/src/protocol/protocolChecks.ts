import type { McpExchange } from "../client/McpExchange.ts";
import { mediaType } from "../client/sendHttp.ts";
import { messageKind } from "./validateMessage.ts";

/**
 * Pure checks over recorded exchanges for the `mcp-protocol` suite. Each returns one line per
 * breach, empty when the rule holds; a check that is given nothing to judge returns a breach
 * saying so, so a rule is never passed by default.
 */
type Exchange = Pick<
  McpExchange,
  "method" | "httpMethod" | "status" | "headers" | "body" | "messages" | "contentType"
> & {
  request?: unknown;
};

type RpcError = { code?: unknown; message?: unknown; data?: unknown };

const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * The exchange got one of the `expected` statuses.
 *
 * @example
 * checkStatus(exchange, 403); // ["POST tools/list: HTTP 200, expected 403"]
 */
export function checkStatus(exchange: Exchange, expected: number | readonly number[]): string[] {
  const allowed = typeof expected === "number" ? [expected] : expected;
  if (allowed.includes(exchange.status)) return [];
  return [`${where(exchange)}: HTTP ${statusText(exchange)}, expected ${allowed.join(" or ")}`];
}

/**
 * A notification was accepted with 202 and no body; with `refusalAllowed`, an HTTP error status
 * (4xx) is a lawful refusal too.
 *
 * @example
 * checkNotificationAccepted(await client.notify("notifications/cancelled", { requestId: 1 }));
 */
export function checkNotificationAccepted(
  exchange: Exchange,
  options: { refusalAllowed?: boolean } = {},
): string[] {
  if (exchange.status === 202) {
    return exchange.body === ""
      ? []
      : [`${where(exchange)}: HTTP 202 with a body (${cut(exchange.body)}); it MUST have none`];
  }
  if (options.refusalAllowed && exchange.status >= 400 && exchange.status < 500) return [];
  return [
    `${where(exchange)}: HTTP ${statusText(exchange)}, expected 202 with no body${options.refusalAllowed ? " (or a 4xx refusal)" : ""}`,
  ];
}

/**
 * GET on the endpoint opened an SSE stream (200, `text/event-stream`) or was refused with 405.
 *
 * @example
 * checkGetStream(await client.send({ httpMethod: "GET" }));
 */
export function checkGetStream(exchange: Exchange): string[] {
  if (exchange.httpMethod !== "GET") return [`${where(exchange)}: not a GET exchange`];
  if (exchange.status === 405) return [];
  if (exchange.status === 200 && mediaType(exchange.contentType) === "text/event-stream") return [];
  return [
    `GET: HTTP ${statusText(exchange)} with ${exchange.contentType === "" ? "no content-type" : `content-type ${exchange.contentType}`}; expected text/event-stream or 405`,
  ];
}

/**
 * The `Mcp-Session-Id` the exchange carries (the answer to initialize) is visible ASCII only.
 *
 * @example
 * checkSessionId(initializeExchange);
 */
export function checkSessionId(exchange: Exchange): string[] {
  const id = exchange.headers.get("mcp-session-id");
  if (id === null) return [`${where(exchange)}: no Mcp-Session-Id header to judge`];
  return VISIBLE_ASCII.test(id)
    ? []
    : [`${where(exchange)}: Mcp-Session-Id ${JSON.stringify(id)} has characters outside 0x21-0x7E`];
}

/**
 * Every response answers with the id of the request its exchange sent.
 *
 * @example
 * checkIdsEchoed(client.exchanges);
 */
export function checkIdsEchoed(exchanges: readonly Exchange[]): string[] {
  const breaches: string[] = [];
  let judged = 0;
  for (const exchange of exchanges) {
    const id = (exchange.request as { id?: unknown } | undefined)?.id;
    if (id === undefined || typeof exchange.request !== "object") continue;
    const responses = exchange.messages.filter((m) => {
      const kind = messageKind(m);
      return kind === "result" || kind === "error";
    }) as Array<{ id?: unknown }>;
    if (responses.length === 0) continue;
    judged += 1;
    if (!responses.some((response) => response.id === id)) {
      breaches.push(
        `${where(exchange)}: request id ${JSON.stringify(id)} answered with id ${responses.map((r) => JSON.stringify(r.id) ?? "(none)").join(", ")}`,
      );
    }
  }
  return judged === 0 ? ["no exchange had a request with an id and a response to judge"] : breaches;
}

/**
 * Every error response has `error.code` an integer and `error.message` a string.
 *
 * @example
 * checkErrorCodes(client.exchanges);
 */
export function checkErrorCodes(exchanges: readonly Exchange[]): string[] {
  return judgeMessages(exchanges, "error", "no error response to judge", (message, at) => {
    const error = (message as { error?: RpcError }).error;
    const breaches: string[] = [];
    if (!Number.isInteger(error?.code))
      breaches.push(`${at}: error code ${JSON.stringify(error?.code)} is not an integer`);
    if (typeof error?.message !== "string") breaches.push(`${at}: error without a message`);
    return breaches;
  });
}

/**
 * Every result carries `resultType` `complete` or `input_required` (2026-07-28).
 *
 * @example
 * checkResultTypes(client.exchanges);
 */
export function checkResultTypes(exchanges: readonly Exchange[]): string[] {
  return judgeMessages(exchanges, "result", "no result to judge", (message, at) => {
    const resultType = (message as { result?: { resultType?: unknown } }).result?.resultType;
    if (resultType === "complete" || resultType === "input_required") return [];
    return [
      `${at}: result ${resultType === undefined ? "without resultType" : `with resultType ${JSON.stringify(resultType)}`}`,
    ];
  });
}

/**
 * The exchange answered `status` with a JSON-RPC error of `code`.
 *
 * @example
 * checkRpcError(exchange, 404, -32601); // unknown method, 2026-07-28
 */
export function checkRpcError(exchange: Exchange, status: number, code: number): string[] {
  const breaches = checkStatus(exchange, status);
  const error = errorOf(exchange);
  if (error === undefined)
    breaches.push(
      `${where(exchange)}: no JSON-RPC error in the answer (${cut(exchange.body) || "empty body"})`,
    );
  else if (error.code !== code)
    breaches.push(`${where(exchange)}: error code ${JSON.stringify(error.code)}, expected ${code}`);
  return breaches;
}

/**
 * A request for `requested` got 400 and `UnsupportedProtocolVersionError`: code -32022,
 * `data.supported` a non-empty list of versions, `data.requested` the version asked for.
 *
 * @example
 * checkUnsupportedVersion(exchange, "1900-01-01");
 */
export function checkUnsupportedVersion(exchange: Exchange, requested: string): string[] {
  const breaches = checkRpcError(exchange, 400, -32022);
  const data = errorOf(exchange)?.data as { supported?: unknown; requested?: unknown } | undefined;
  const supported = data?.supported;
  if (!Array.isArray(supported) || supported.length === 0 || !supported.every((v) => typeof v === "string")) {
    breaches.push(
      `${where(exchange)}: error.data.supported is ${JSON.stringify(supported)}, not a list of versions`,
    );
  } else if (supported.includes(requested)) {
    breaches.push(`${where(exchange)}: error.data.supported lists ${requested}, the version it refused`);
  }
  if (data?.requested !== requested) {
    breaches.push(
      `${where(exchange)}: error.data.requested is ${JSON.stringify(data?.requested)}, not "${requested}"`,
    );
  }
  return breaches;
}

/**
 * Two listings of one user's tools hold the same names (the set; MUST) — and, with `order`,
 * in the same order (SHOULD).
 *
 * @example
 * checkToolsListStable(first.map((t) => t.name), second.map((t) => t.name), { order: true });
 */
export function checkToolsListStable(
  first: readonly string[],
  second: readonly string[],
  options: { order?: boolean } = {},
): string[] {
  if (first.length === 0 && second.length === 0) return ["both listings are empty: nothing to compare"];
  const breaches: string[] = [];
  for (const [label, names] of [
    ["first", first],
    ["second", second],
  ] as const) {
    const twice = names.filter((name, index) => names.indexOf(name) !== index);
    if (twice.length > 0)
      breaches.push(`the ${label} listing names ${[...new Set(twice)].join(", ")} more than once`);
  }
  const missing = first.filter((name) => !second.includes(name));
  const extra = second.filter((name) => !first.includes(name));
  if (missing.length > 0 || extra.length > 0) {
    breaches.push(
      `the second listing ${[missing.length > 0 ? `lacks ${[...new Set(missing)].join(", ")}` : "", extra.length > 0 ? `adds ${[...new Set(extra)].join(", ")}` : ""].filter(Boolean).join(" and ")}`,
    );
  }
  if (options.order && breaches.length === 0) {
    const moved = first.findIndex((name, index) => second[index] !== name);
    if (moved !== -1) {
      breaches.push(
        `the order differs from position ${moved + 1}: ${first.slice(moved, moved + 3).join(", ")}… then ${second.slice(moved, moved + 3).join(", ")}…`,
      );
    }
  }
  return breaches;
}

/**
 * The server's answer to `initialize` with `requested`: the same version when the server supports
 * it, else another one it supports (`supported`, as learnt by initializing with each).
 *
 * @example
 * checkVersionNegotiation("1999-01-01", "2025-11-25", ["2025-11-25", "2025-06-18"]);
 */
export function checkVersionNegotiation(
  requested: string,
  answered: unknown,
  supported: readonly string[],
): string[] {
  if (supported.length === 0)
    return ["no version the server supports is known: nothing to negotiate against"];
  if (supported.includes(requested)) {
    return answered === requested
      ? []
      : [`initialize asked for ${requested}, which the server supports, and got ${JSON.stringify(answered)}`];
  }
  return typeof answered === "string" && supported.includes(answered)
    ? []
    : [
        `initialize asked for ${requested}, which the server does not support, and got ${JSON.stringify(answered)}, not one of ${supported.join(", ")}`,
      ];
}

/**
 * The first exchange of a stateless client was `server/discover`, answered 200 with
 * `supportedVersions` listing 2026-07-28.
 *
 * @example
 * checkDiscover(client.exchanges[0]);
 */
export function checkDiscover(exchange: Exchange | undefined): string[] {
  if (exchange?.method !== "server/discover") return ["no server/discover exchange to judge"];
  const breaches = checkStatus(exchange, 200);
  const result = (exchange.messages[0] as { result?: { supportedVersions?: unknown } } | undefined)?.result;
  const supported = result?.supportedVersions;
  if (!Array.isArray(supported) || !supported.includes("2026-07-28")) {
    breaches.push(
      `POST server/discover: supportedVersions is ${JSON.stringify(supported)}, without 2026-07-28`,
    );
  }
  return breaches;
}

/**
 * Every result names the server in `_meta["io.modelcontextprotocol/serverInfo"]` (2026-07-28).
 *
 * @example
 * checkServerInfo(client.exchanges);
 */
export function checkServerInfo(exchanges: readonly Exchange[]): string[] {
  return judgeMessages(exchanges, "result", "no result to judge", (message, at) => {
    const meta = (message as { result?: { _meta?: Record<string, unknown> } }).result?._meta;
    return meta?.["io.modelcontextprotocol/serverInfo"] === undefined
      ? [`${at}: result without _meta io.modelcontextprotocol/serverInfo`]
      : [];
  });
}

// Judges every message of one kind in every exchange; none of that kind to judge is a breach
// itself (`nothing`), never a pass.
function judgeMessages(
  exchanges: readonly Exchange[],
  kind: ReturnType<typeof messageKind>,
  nothing: string,
  judge: (message: unknown, at: string) => string[],
): string[] {
  const breaches: string[] = [];
  let judged = 0;
  for (const exchange of exchanges)
    for (const message of exchange.messages) {
      if (messageKind(message) !== kind) continue;
      judged += 1;
      breaches.push(...judge(message, where(exchange)));
    }
  return judged === 0 ? [nothing] : breaches;
}

function errorOf(exchange: Exchange): RpcError | undefined {
  const message = exchange.messages.find((m) => messageKind(m) === "error") as
    | { error?: RpcError }
    | undefined;
  return message?.error;
}

function where(exchange: Exchange): string {
  return `${exchange.httpMethod} ${exchange.method}`;
}

function statusText(exchange: Exchange): string {
  return exchange.status === 0 ? "no answer" : String(exchange.status);
}

function cut(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
