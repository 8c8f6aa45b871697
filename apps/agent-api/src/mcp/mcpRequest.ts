import { AsyncLocalStorage } from "node:async_hooks";
import type { User } from "../http/Route.ts";
import type { Services } from "../Services.ts";

/** What one HTTP exchange with `/mcp` carries down to the tool handlers. */
export type McpRequest = {
  services: Services;
  user: User;
  correlationId: string;
  /** Set by a tool under the `mcp_throw_500` fault: the exchange is answered HTTP 500. */
  throw500: boolean;
};

const storage = new AsyncLocalStorage<McpRequest>();

/**
 * Runs `work` with the exchange's state reachable from every SDK callback it triggers (the SDK
 * calls our factory and handlers from inside `handleRequest`/`fetch`, so the async context holds).
 * @example await runMcpRequest(state, () => transport.handleRequest(request));
 */
export function runMcpRequest<T>(state: McpRequest, work: () => Promise<T>): Promise<T> {
  return storage.run(state, work);
}

/**
 * The current exchange's state, or null outside one.
 * @example mcpRequest()?.throw500
 */
export function mcpRequest(): McpRequest | null {
  return storage.getStore() ?? null;
}
