import { createMcpHandler, type McpHttpHandler } from "@modelcontextprotocol/server";
import type { Config } from "../env.ts";
import type { Services } from "../Services.ts";
import { createMcpServer } from "./createMcpServer.ts";
import { McpSessions } from "./McpSessions.ts";
import { mcpRequest } from "./mcpRequest.ts";
import { createProjectHandles, type ProjectHandles } from "./projectHandle.ts";

/** What the MCP endpoint keeps for the life of the service. */
export type McpRuntime = {
  handles: ProjectHandles;
  sessions: McpSessions;
  /** The SDK's 2026-07-28 handler (stateless; 2025-era traffic is routed to `sessions` first). */
  modern: McpHttpHandler;
  close: () => Promise<void>;
};

/**
 * Builds the MCP endpoint's parts. `services` is read lazily: the runtime is itself a service.
 * @example services.mcp = createMcpRuntime(config, () => services);
 */
export function createMcpRuntime(config: Config, services: () => Services): McpRuntime {
  const sessions = new McpSessions(services, config.mcpSessionIdleMs);
  const modern = createMcpHandler(
    () => {
      const request = mcpRequest();
      if (request === null) throw new Error("MCP request served outside runMcpRequest");
      return createMcpServer({
        services: request.services,
        user: request.user,
        era: "stateless",
        session: null,
      });
    },
    {
      legacy: "reject",
      maxRequestBodySize: 1024 * 1024,
      onerror: (error) => services().log.debug("mcp_request_refused", { message: error.message }),
    },
  );
  return {
    handles: createProjectHandles(config),
    sessions,
    modern,
    close: async () => {
      await sessions.closeAll();
      await modern.close();
    },
  };
}
