import type { McpToolClient, SeenExchange } from "./McpToolClient.ts";

/** Where an exchange happened, for a leak report: `MCP tools/call list_contexts`. */
export function exchangePlace(exchange: SeenExchange): string {
  const params = (exchange.request as { params?: { name?: unknown } } | undefined)?.params;
  return `MCP ${exchange.method}${typeof params?.name === "string" ? ` ${params.name}` : ""}`;
}

const UUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g;
// Tools whose successful result is something the caller just made (its ids become the caller's).
const CREATES = /^(create|start|send|lock)_/;

/**
 * What a user received in one exchange, as text, less every id the user itself sent in the
 * request: the server repeating an id the caller already had (user B naming user A's id in an
 * error) carries nothing new, so it is not judged.
 *
 * @example
 * receivedText(exchange); // '[{"jsonrpc":"2.0","id":3,"result":{…}}]'
 */
export function receivedText(exchange: Pick<SeenExchange, "request" | "messages">): string {
  let text = JSON.stringify(exchange.messages);
  for (const sent of new Set(JSON.stringify(exchange.request ?? null).match(UUID) ?? []))
    text = text.replace(new RegExp(sent, "gi"), "");
  return text;
}

/**
 * Hands every message `user` received through an MCP client (every exchange, every JSON-RPC
 * message, results and errors alike) to a leak oracle (`createLeakOracle` of @assay/isolation),
 * so it judges MCP results like HTTP bodies and WebSocket frames: canaries and the owner of
 * every id. The results of the user's successful creating tools (`create_…`, `start_…`,
 * `send_…`, `lock_…`) give it their ids. Call it once,
 * after the user's last call.
 *
 * @example
 * recordMcpExchanges(oracle, "bob", bobMcp);
 * oracle.assertNoLeaks();
 */
export function recordMcpExchanges(
  oracle: { record(user: string, where: string, text: string, created?: boolean): void },
  user: string,
  client: Pick<McpToolClient, "exchanges">,
): number {
  for (const exchange of client.exchanges) {
    const tool = (exchange.request as { params?: { name?: unknown } } | undefined)?.params?.name;
    const failed = JSON.stringify(exchange.messages).includes('"isError":true');
    const created = typeof tool === "string" && CREATES.test(tool) && !failed;
    oracle.record(user, exchangePlace(exchange), receivedText(exchange), created);
  }
  return client.exchanges.length;
}
