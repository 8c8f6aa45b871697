import { createSseParser } from "./createSseParser.ts";
import type { McpExchange } from "./McpExchange.ts";

export type SendHttpOptions = {
  url: string;
  httpMethod: McpExchange["httpMethod"];
  method: string;
  headers: Record<string, string>;
  /** JSON value (serialised) or raw string (sent as is); none for GET and DELETE. */
  body?: unknown;
  /** The whole exchange, headers to last byte read; default 10 s. */
  timeoutMs: number;
  /** For SSE answers: stop reading once this says the messages so far are enough. */
  enough?: (messages: readonly unknown[]) => boolean;
  /** For SSE answers: stop reading this long after the headers (a GET stream never ends by itself). */
  streamWindowMs?: number;
};

/**
 * One HTTP exchange with an MCP endpoint over `fetch`, read into an {@link McpExchange}: a JSON body
 * parsed, an SSE body parsed event by event until `enough` or its end, every unparseable part and
 * a missing answer recorded as a problem rather than thrown. Schema checks are the caller's.
 *
 * @example
 * const exchange = await sendHttp({ url, httpMethod: "POST", method: "tools/list", headers, body, timeoutMs: 10_000,
 *   enough: (messages) => messages.some((m) => (m as { id?: unknown }).id === 2) });
 */
export async function sendHttp(options: SendHttpOptions): Promise<McpExchange> {
  const { url, httpMethod, method, headers, body, timeoutMs } = options;
  const exchange: McpExchange = {
    method,
    httpMethod,
    request: body,
    requestHeaders: redact(headers),
    status: 0,
    headers: new Headers(),
    contentType: "",
    body: "",
    messages: [],
    events: [],
    problems: [],
    ms: 0,
  };
  const started = performance.now();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    await readPendingCloses();
    const response = await fetch(url, {
      method: httpMethod,
      headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      signal: controller.signal,
      redirect: "manual",
    });
    exchange.status = response.status;
    exchange.headers = response.headers;
    exchange.contentType = response.headers.get("content-type") ?? "";
    if (mediaType(exchange.contentType) === "text/event-stream" && response.body !== null) {
      await readSse(response.body, exchange, options, controller);
    } else {
      exchange.body = await response.text();
      readJson(exchange);
    }
  } catch (error) {
    if (timedOut) {
      exchange.problems.push(
        `${where(exchange)}: no complete answer within ${timeoutMs} ms (${exchange.status === 0 ? "no headers" : `HTTP ${exchange.status}, body cut`})`,
      );
    } else if (!controller.signal.aborted) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      exchange.problems.push(
        `${where(exchange)}: the connection failed: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
      );
    }
  } finally {
    clearTimeout(timer);
    exchange.ms = performance.now() - started;
  }
  return exchange;
}

/**
 * Lets the event loop read what the sockets received while this thread was busy (compiling a
 * revision's schemas takes 0.5 s here, and seconds on a loaded CI machine): a keep-alive
 * connection the server closed meanwhile is dropped before `fetch` picks a connection, instead
 * of being written to and failing the request with `UND_ERR_SOCKET` / `ECONNRESET`. Two turns of
 * the check phase put one poll phase, where socket closes are read, between them.
 */
async function readPendingCloses(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
}

async function readSse(
  stream: ReadableStream<Uint8Array>,
  exchange: McpExchange,
  options: SendHttpOptions,
  controller: AbortController,
): Promise<void> {
  const parser = createSseParser();
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  const window =
    options.streamWindowMs === undefined
      ? undefined
      : setTimeout(() => controller.abort(), options.streamWindowMs);
  const take = (events: ReturnType<typeof parser.push>) => {
    for (const event of events) {
      exchange.events.push(event);
      // The priming event (an id and empty data) and keep-alives carry no message.
      if (event.data === "") continue;
      try {
        exchange.messages.push(JSON.parse(event.data));
      } catch (error) {
        exchange.problems.push(
          `${where(exchange)}: SSE event ${exchange.events.length} data is not JSON (${(error as Error).message}): ${cut(event.data)}`,
        );
      }
    }
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        exchange.body += decoder.decode();
        take(parser.end());
        return;
      }
      const text = decoder.decode(value, { stream: true });
      exchange.body += text;
      take(parser.push(text));
      if (options.enough?.(exchange.messages)) {
        await reader.cancel();
        return;
      }
    }
  } catch (error) {
    // The stream window ending a GET stream is the plan, not a problem.
    if (!(options.streamWindowMs !== undefined && controller.signal.aborted)) throw error;
  } finally {
    clearTimeout(window);
  }
}

function readJson(exchange: McpExchange): void {
  if (exchange.body === "") return;
  const type = mediaType(exchange.contentType);
  if (type !== "application/json") {
    // Error statuses may carry plain text; only a success must be MCP's JSON or SSE.
    if (exchange.status >= 200 && exchange.status < 300) {
      exchange.problems.push(
        `${where(exchange)}: HTTP ${exchange.status} with ${type === "" ? "no content-type" : `content-type ${type}`}, not application/json or text/event-stream: ${cut(exchange.body)}`,
      );
    }
    return;
  }
  try {
    const parsed: unknown = JSON.parse(exchange.body);
    // JSON-RPC batches were removed in 2025-06-18; a batch answer is judged message by message.
    exchange.messages.push(...(Array.isArray(parsed) ? parsed : [parsed]));
  } catch (error) {
    exchange.problems.push(
      `${where(exchange)}: HTTP ${exchange.status} body is not JSON (${(error as Error).message}): ${cut(exchange.body)}`,
    );
  }
}

/**
 * The media type of a `Content-Type` value, lower-cased, without parameters.
 *
 * @example
 * mediaType("Application/JSON; charset=utf-8"); // "application/json"
 */
export function mediaType(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

function where(exchange: McpExchange): string {
  return `${exchange.httpMethod} ${exchange.method}`;
}

function cut(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function redact(headers: Record<string, string>): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    shown[name] = name.toLowerCase() === "authorization" ? value.replace(/\s.*$/, " …") : value;
  }
  return shown;
}
