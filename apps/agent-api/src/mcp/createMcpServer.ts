import { ProtocolError, ProtocolErrorCode, Server, type Tool } from "@modelcontextprotocol/server";
import { hasFault } from "../faults.ts";
import { describeError } from "../log.ts";
import { type JsonSchema, type McpEra, type McpTool, ToolError, type ToolScope } from "./McpTool.ts";
import { mcpRequest } from "./mcpRequest.ts";
import { PROJECT_HANDLE_ARG } from "./schemas.ts";
import { TOOLS } from "./tools/catalog.ts";
import { validateArguments } from "./validateArguments.ts";

/**
 * The revisions served, newest first. The SDK serves 2026-07-28 only when it is listed here (its
 * default list stops at 2025-11-25); `initialize` counter-offers the first 2025 entry.
 */
export const MCP_VERSIONS = ["2026-07-28", "2025-11-25", "2025-06-18"];
/** tools/list pages: two for the whole catalog, so clients must follow `nextCursor`. */
export const TOOLS_PAGE_SIZE = 12;
const INSTRUCTIONS =
  "Assay's reference agent backend: projects, contexts, conversations, runs. Call discover first.";

const inputSchemas = new Map<string, JsonSchema>();

/** A tool's inputSchema in an era: the stateless era adds `project_handle` to project tools. */
export function inputSchema(tool: McpTool, era: McpEra): JsonSchema {
  const key = `${era}:${tool.name}`;
  const cached = inputSchemas.get(key);
  if (cached !== undefined) return cached;
  const properties =
    era === "stateless" && tool.inProject
      ? { ...tool.properties, project_handle: PROJECT_HANDLE_ARG }
      : tool.properties;
  const schema = { type: "object", properties, required: tool.required, additionalProperties: false };
  inputSchemas.set(key, schema);
  return schema;
}

function listed(tool: McpTool, era: McpEra): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    // Objects by construction (`type: "object"` at the root), which the SDK's type insists on.
    inputSchema: inputSchema(tool, era) as Tool["inputSchema"],
    outputSchema: tool.output as Tool["outputSchema"],
    annotations: tool.annotations,
  };
}

// The `mcp_tools_list_unstable` fault: another order on every listing.
function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function listTools(scope: ToolScope, cursor: string | undefined) {
  let start = 0;
  if (cursor !== undefined) {
    const match = /^page:(\d{1,4})$/.exec(cursor);
    start = match === null ? -1 : Number(match[1]);
    if (start <= 0 || start >= TOOLS.length)
      throw new ProtocolError(
        ProtocolErrorCode.InvalidParams,
        "Invalid cursor: pass a nextCursor from tools/list.",
      );
  }
  const catalog = hasFault(scope.user.id, "mcp_tools_list_unstable") ? shuffled(TOOLS) : TOOLS;
  const end = start + TOOLS_PAGE_SIZE;
  const tools = catalog.slice(start, end).map((tool) => listed(tool, scope.era));
  return end < catalog.length ? { tools, nextCursor: `page:${end}` } : { tools };
}

function errorResult(message: string) {
  return { content: [{ type: "text" as const, text: message }], isError: true };
}

// Under `mcp_throw_500` a failing tool is the naive server's: the exchange becomes an HTTP 500.
function failed(scope: ToolScope, message: string) {
  const request = mcpRequest();
  if (request !== null && hasFault(scope.user.id, "mcp_throw_500")) request.throw500 = true;
  return errorResult(message);
}

async function callTool(scope: ToolScope, name: string, args: unknown) {
  const tool = TOOLS.find((candidate) => candidate.name === name);
  if (tool === undefined)
    throw new ProtocolError(
      ProtocolErrorCode.InvalidParams,
      `Unknown tool: ${name.slice(0, 100)}. Call tools/list.`,
    );
  const given = args ?? {};
  const problem = validateArguments(inputSchema(tool, scope.era), given);
  if (problem !== null) return failed(scope, `${tool.name}: ${problem}`);
  let structured: Record<string, unknown>;
  try {
    structured = await tool.run(given as Record<string, unknown>, scope);
  } catch (error) {
    if (error instanceof ToolError) return failed(scope, `${tool.name}: ${error.message}`);
    const correlationId = mcpRequest()?.correlationId;
    scope.services.log.error("mcp_tool_failed", {
      tool: tool.name,
      correlation_id: correlationId,
      ...describeError(error),
    });
    return failed(
      scope,
      `${tool.name} failed on our side. Retry, or report correlation id ${correlationId}.`,
    );
  }
  if (tool.name === "list_projects" && hasFault(scope.user.id, "mcp_output_schema_break"))
    structured = { ...structured, count: String(structured.count) };
  return {
    content: [{ type: "text" as const, text: JSON.stringify(structured) }],
    structuredContent: structured,
  };
}

/**
 * One SDK `Server` for one caller in one era: a session's whole life (session era) or one
 * exchange (stateless era). Low-level `Server` rather than `McpServer`: the tools carry
 * hand-written JSON Schemas (strict, 2020-12) and the fault flags must be able to break what
 * `McpServer` would otherwise repair or refuse.
 * @example const server = createMcpServer({ services, user, era: "stateless", session: null });
 */
export function createMcpServer(scope: ToolScope): Server {
  const server = new Server(
    { name: "assay-agent-api", title: "Assay reference agent backend", version: scope.services.version },
    {
      capabilities: { tools: { listChanged: false } },
      supportedProtocolVersions: MCP_VERSIONS,
      instructions: INSTRUCTIONS,
      cacheHints: {
        "server/discover": { ttlMs: 300_000, cacheScope: "public" },
        "tools/list": { ttlMs: 300_000, cacheScope: "private" },
      },
    },
  );
  server.setRequestHandler("tools/list", async (request) => listTools(scope, request.params?.cursor));
  server.setRequestHandler("tools/call", async (request) => {
    const result = await callTool(scope, request.params.name, request.params.arguments);
    const tool = TOOLS.find((candidate) => candidate.name === request.params.name);
    return server.projectCallToolResult(result, tool?.output);
  });
  return server;
}
