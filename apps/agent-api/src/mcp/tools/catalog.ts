import type { McpTool } from "../McpTool.ts";
import { contextTools } from "./contextTools.ts";
import { conversationTools } from "./conversationTools.ts";
import { disclosureTools } from "./disclosureTools.ts";
import { projectTools } from "./projectTools.ts";
import { memoryTools, runTools } from "./runTools.ts";

/**
 * Every tool, in the order tools/list gives them (deterministic: the same for every caller and
 * connection, unless the `mcp_tools_list_unstable` fault is on). The tool names are a contract:
 * the MCP suites and their per-target config name them.
 * @example TOOLS.map((tool) => tool.name)
 */
export const TOOLS: readonly McpTool[] = [
  ...disclosureTools(() => TOOLS),
  ...projectTools,
  ...contextTools,
  ...conversationTools,
  ...runTools,
  ...memoryTools,
];
