import type { McpToolClient, SeenExchange } from "./McpToolClient.ts";

// An in-memory stand-in for a project-aware MCP server, for the unit tests of the isolation
// checks only; the suites run the same checks against real servers.
export type FakeWorld = {
  contexts: Array<{ project_id: string; topic: string }>;
  handles: Map<string, string>;
};

export function fakeWorld(): FakeWorld {
  return { contexts: [], handles: new Map() };
}

export function fakeSession(
  world: FakeWorld,
  options: {
    user: string;
    era?: "session" | "stateless";
    defaultProject?: string;
    faultDefault?: boolean;
    leakHandles?: boolean;
  },
): McpToolClient {
  let current = options.defaultProject ?? `default-${options.user}`;
  const exchanges: SeenExchange[] = [];
  const reply = (name: string, args: unknown, result: unknown) => {
    const response = { jsonrpc: "2.0", id: exchanges.length + 1, result };
    exchanges.push({
      method: "tools/call",
      request: { params: { name, arguments: args } },
      status: 200,
      messages: [response],
    });
    return { response, exchange: { status: 200 } };
  };
  const data = (name: string, args: unknown, structured: object) =>
    reply(name, args, {
      content: [{ type: "text", text: JSON.stringify(structured) }],
      structuredContent: structured,
    });
  const error = (name: string, args: unknown, text: string) =>
    reply(name, args, { content: [{ type: "text", text }], isError: true });
  return {
    era: options.era ?? "session",
    exchanges,
    async listTools() {
      const handle = { project_handle: { type: "string" } };
      return [
        {
          name: "current_project",
          inputSchema: { type: "object", properties: handle, additionalProperties: false },
        },
        { name: "whoami", inputSchema: { type: "object", properties: {} } },
      ];
    },
    async callTool(name, raw) {
      const args = raw as Record<string, string>;
      await new Promise((resolve) => setImmediate(resolve));
      const acting = options.faultDefault ? `default-${options.user}` : current;
      if (args.project_handle !== undefined) {
        const owner = world.handles.get(args.project_handle);
        if (owner !== options.user && !options.leakHandles) return error(name, args, "not your handle");
        return data(name, args, { project: { id: `project-of-${owner}` } });
      }
      switch (name) {
        case "switch_project":
          current = args.project_id as string;
          return data(name, args, { project: { id: current } });
        case "lock_context":
          world.contexts.push({ project_id: acting, topic: args.topic as string });
          return data(name, args, { context: { project_id: acting, topic: args.topic } });
        case "list_contexts": {
          const items = world.contexts.filter((c) => c.project_id === acting);
          return data(name, args, { items, count: items.length });
        }
        case "recall_context":
          return data(name, args, {
            found: world.contexts.some((c) => c.project_id === acting && c.topic === args.topic),
          });
        case "current_project":
          return data(name, args, { project: { id: current } });
        default:
          return error(name, args, "unknown");
      }
    },
  };
}
