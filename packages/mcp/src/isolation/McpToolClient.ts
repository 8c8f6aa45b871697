/** One HTTP exchange as an MCP client saw it (the fields the isolation checks read). */
export type SeenExchange = { method: string; request: unknown; status: number; messages: unknown[] };

/** The part of `@assay/mcp`'s client the isolation checks use. */
export type McpToolClient = {
  era: "session" | "stateless";
  callTool(name: string, args: unknown): Promise<{ response: unknown; exchange: { status: number } }>;
  listTools(): Promise<Array<{ name: string; inputSchema?: unknown }>>;
  exchanges: readonly SeenExchange[];
};
