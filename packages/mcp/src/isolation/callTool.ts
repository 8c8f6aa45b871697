import type { McpToolClient } from "./McpToolClient.ts";

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A tool call's answer, sorted: data, a tool error, or something else (JSON-RPC error, HTTP error). */
export type ToolAnswer =
  | { kind: "data"; structured: Record<string, unknown>; text: string }
  | { kind: "tool_error"; text: string }
  | { kind: "other"; text: string };

/**
 * Calls a tool and sorts the answer into data, a tool error (`isError: true`) or anything else.
 *
 * @example
 * const answer = await askTool(bob, "list_contexts", { project_handle: aliceHandle });
 * answer.kind; // "tool_error"
 */
export async function askTool(client: McpToolClient, name: string, args: unknown): Promise<ToolAnswer> {
  const { response, exchange } = await client.callTool(name, args);
  const message = isRecord(response) ? response : {};
  if (isRecord(message.error))
    return { kind: "other", text: `JSON-RPC ${message.error.code}: ${String(message.error.message)}` };
  if (!isRecord(message.result)) return { kind: "other", text: `HTTP ${exchange.status} without a result` };
  const result = message.result;
  const text = (Array.isArray(result.content) ? result.content : [])
    .map((c) => (isRecord(c) && typeof c.text === "string" ? c.text : ""))
    .join(" ")
    .slice(0, 300);
  if (result.isError === true) return { kind: "tool_error", text };
  return {
    kind: "data",
    structured: isRecord(result.structuredContent) ? result.structuredContent : {},
    text,
  };
}

/**
 * Calls a tool that must succeed and returns its `structuredContent`; throws, naming the tool and
 * what came back, when it does not.
 *
 * @example
 * const { project } = await callToolOk(alice, "create_project", { name: "A" });
 */
export async function callToolOk(
  client: McpToolClient,
  name: string,
  args: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const answer = await askTool(client, name, args);
  if (answer.kind !== "data")
    throw new Error(`[assay/mcp] ${name} ${JSON.stringify(args).slice(0, 200)} failed: ${answer.text}`);
  return answer.structured;
}
