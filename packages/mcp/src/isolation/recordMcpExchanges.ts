import type { McpToolClient, SeenExchange } from "./McpToolClient.ts";

/** Where an exchange happened, for a leak report: `MCP tools/call list_contexts`. */
export function exchangePlace(exchange: SeenExchange): string {
  const params = (exchange.request as { params?: { name?: unknown } } | undefined)?.params;
  return `MCP ${exchange.method}${typeof params?.name === "string" ? ` ${params.name}` : ""}`;
}

/**
 * Hands every message `user` received through an MCP client (every exchange, every JSON-RPC
 * message, results and errors alike) to a leak oracle (`createLeakOracle` of @assay/isolation),
 * so its canary check judges MCP results like HTTP bodies and WebSocket frames. Call it once,
 * after the user's last call.
 *
 * @example
 * recordMcpExchanges(oracle, "bob", bobMcp);
 * oracle.assertNoLeaks();
 */
export function recordMcpExchanges(
  oracle: { record(user: string, where: string, text: string): void },
  user: string,
  client: Pick<McpToolClient, "exchanges">,
): number {
  for (const exchange of client.exchanges)
    oracle.record(user, exchangePlace(exchange), JSON.stringify(exchange.messages));
  return client.exchanges.length;
}
