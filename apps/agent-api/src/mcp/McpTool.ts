import type { User } from "../http/Route.ts";
import type { Services } from "../Services.ts";

/** The two protocol eras: `session` (2025-06-18 / 2025-11-25, `initialize`), `stateless` (2026-07-28). */
export type McpEra = "session" | "stateless";

/** A JSON Schema object, as tools/list sends it. */
export type JsonSchema = Record<string, unknown>;

/** What the session era keeps per MCP session: the id, also an Assay session row (its project). */
export type McpSessionState = { id: string; userId: string };

/** Who calls a tool, in which era, and (session era) from which MCP session. */
export type ToolScope = {
  services: Services;
  user: User;
  era: McpEra;
  session: McpSessionState | null;
};

/** A tool refusing its arguments or its situation: an `isError` result with this message. */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ToolError";
  }
}

/** One tool: its description, schemas and what it does; `run` returns the structured content. */
export type McpTool = {
  name: string;
  title: string;
  description: string;
  /** Takes a `project_handle` in the stateless era (the session era uses the session's project). */
  inProject: boolean;
  /** JSON Schema properties of the arguments (the object around them is built per era). */
  properties: Record<string, JsonSchema>;
  required: string[];
  output: JsonSchema;
  annotations: {
    readOnlyHint: boolean;
    destructiveHint?: boolean;
    idempotentHint?: boolean;
    openWorldHint: boolean;
  };
  run: (args: Record<string, unknown>, scope: ToolScope) => Promise<Record<string, unknown>>;
};
