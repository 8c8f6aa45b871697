import type { ScriptedAnswer, ScriptedRequest } from "./startScriptedMcpServer.ts";

/** Test support (not exported): answers of a small, correct MCP server per era, to break one at a time. */
export type Rpc = { jsonrpc: string; id?: number | string; method: string; params?: Record<string, unknown> };

export const TOOLS = [
  {
    name: "health",
    description: "Says the service is up.",
    inputSchema: { type: "object", properties: {} },
    outputSchema: { type: "object", properties: { status: { type: "string" } }, required: ["status"] },
  },
  {
    name: "create_project",
    description: "Creates a project.",
    inputSchema: {
      type: "object",
      properties: { name: { type: "string", "x-mcp-header": "Project-Name" } },
      required: ["name"],
    },
    outputSchema: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
  },
];

/** `result` for a method, shaped for `era`. */
export function resultFor(
  rpc: Rpc,
  era: "session" | "stateless",
  version = "2025-11-25",
): Record<string, unknown> {
  const stateless = era === "stateless" ? { resultType: "complete" } : {};
  switch (rpc.method) {
    case "initialize":
      return {
        protocolVersion: version,
        capabilities: { tools: {} },
        serverInfo: { name: "scripted", version: "1.0.0" },
      };
    case "server/discover":
      return {
        ...stateless,
        supportedVersions: ["2026-07-28", "2025-11-25"],
        capabilities: { tools: {} },
        ttlMs: 0,
        cacheScope: "private",
      };
    case "tools/list": {
      const page = rpc.params?.cursor === "2" ? 1 : 0;
      const cache = era === "stateless" ? { ttlMs: 0, cacheScope: "private" } : {};
      return {
        ...stateless,
        ...cache,
        tools: [TOOLS[page]],
        ...(page === 0 ? { nextCursor: "2" } : {}),
      };
    }
    case "tools/call":
      return {
        ...stateless,
        content: [{ type: "text", text: '{"status":"healthy"}' }],
        structuredContent: { status: "healthy" },
      };
    default:
      return stateless;
  }
}

/**
 * A session-era server (2025-11-25 only): refuses `server/discover` like the SDK does before
 * `initialize`, assigns a session id, answers `tools/list` over SSE (with a priming event).
 */
export function sessionServer(
  overrides: (req: ScriptedRequest, rpc: Rpc | undefined) => ScriptedAnswer | undefined = () => undefined,
  version = "2025-11-25",
): (req: ScriptedRequest) => ScriptedAnswer {
  return (req) => {
    const rpc = req.json as Rpc | undefined;
    const custom = overrides(req, rpc);
    if (custom !== undefined) return custom;
    if (req.method === "DELETE") return { status: 200 };
    if (req.method === "GET") return { status: 405 };
    if (rpc?.method === "server/discover") {
      return {
        status: 400,
        body: {
          jsonrpc: "2.0",
          error: { code: -32000, message: "Bad Request: Server not initialized" },
          id: null,
        },
      };
    }
    if (rpc?.id === undefined) return { status: 202 };
    if (rpc.method === "initialize") {
      return {
        headers: { "Mcp-Session-Id": "session-1" },
        body: { jsonrpc: "2.0", id: rpc.id, result: resultFor(rpc, "session", version) },
      };
    }
    const response = { jsonrpc: "2.0", id: rpc.id, result: resultFor(rpc, "session", version) };
    if (rpc.method === "tools/list") return { sse: ["id: e1\ndata:\n\n", response] };
    return { body: response };
  };
}

/** A stateless (2026-07-28) server. */
export function statelessServer(
  overrides: (req: ScriptedRequest, rpc: Rpc | undefined) => ScriptedAnswer | undefined = () => undefined,
): (req: ScriptedRequest) => ScriptedAnswer {
  return (req) => {
    const rpc = req.json as Rpc | undefined;
    const custom = overrides(req, rpc);
    if (custom !== undefined) return custom;
    if (req.method !== "POST") return { status: 405 };
    if (rpc?.id === undefined) return { status: 202 };
    return { body: { jsonrpc: "2.0", id: rpc.id, result: resultFor(rpc, "stateless") } };
  };
}
