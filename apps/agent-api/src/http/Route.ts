import type { IncomingMessage } from "node:http";
import type { Services } from "../Services.ts";

/** Who may call a route: anyone, a user with a JWT, or the test-support admin token. */
export type AuthKind = "none" | "user" | "admin";
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** The signed-in user, as stored. */
export type User = { id: string; email: string; display_name: string; created_at: string };

/** What a handler gets: path params, the parsed JSON body (`undefined` when empty) and the caller. */
export type RequestContext = {
  req: IncomingMessage;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  user: User | null;
  correlationId: string;
  services: Services;
  /** The route table this request was matched against (the test-support API lists it). */
  routes: readonly Route[];
};

/**
 * What a handler returns; `raw` sends bytes as they are (static files); `web` streams a
 * web-standard Response as it is (status, headers and body, SSE included: the MCP endpoint).
 */
export type Reply = {
  status: number;
  body?: unknown;
  raw?: Buffer;
  web?: Response;
  headers?: Record<string, string>;
};

export type Handler = (ctx: RequestContext) => Promise<Reply>;

/** One row of the route table: data, so it can be listed and compared. */
export type Route = {
  method: HttpMethod;
  /** `/v1/runs/:id` style; a trailing `/*` matches any rest of the path (param `*`). */
  pattern: string;
  auth: AuthKind;
  /** Whether the route reads a JSON body (the rest ignore it). */
  body: boolean;
  handler: Handler;
  /**
   * Runs before authentication; a reply it returns is sent instead of running the route (the
   * MCP endpoint's Origin check: a forged Origin is 403 even without a token).
   */
  before?: (ctx: RequestContext) => Promise<Reply | null>;
};
