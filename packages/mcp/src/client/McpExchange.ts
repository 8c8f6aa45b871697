import type { SseEvent } from "./createSseParser.ts";

/** One HTTP exchange with the MCP endpoint, as seen on the wire. */
export type McpExchange = {
  /** The JSON-RPC method sent (`tools/call`), or `GET` / `DELETE` / `(raw)` when there is none. */
  method: string;
  httpMethod: "POST" | "GET" | "DELETE";
  /** The body sent: the JSON-RPC message, or the raw string of a deliberately malformed one. */
  request: unknown;
  /** Headers sent, `Authorization` shown as `Bearer …`. */
  requestHeaders: Record<string, string>;
  /** 0 when no answer came (connection refused, timeout before the headers). */
  status: number;
  headers: Headers;
  /** The `Content-Type` answered, `""` when none. */
  contentType: string;
  /** The body as read: the whole JSON body, or the SSE text up to where reading stopped. */
  body: string;
  /** JSON-RPC messages received (the JSON body, or the data of each SSE event). */
  messages: unknown[];
  /** The SSE events, when the answer was `text/event-stream`. */
  events: SseEvent[];
  /** What is wrong with this exchange: schema breaches, unparseable bodies, missing answers. */
  problems: string[];
  /** Wall time from sending to the last byte read. */
  ms: number;
};
