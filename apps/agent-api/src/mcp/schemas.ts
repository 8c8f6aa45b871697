import type { JsonSchema } from "./McpTool.ts";

/**
 * The JSON Schemas the tools share, written out (no $ref) so each tool's schema stands alone in
 * tools/list and compiles by itself as 2020-12.
 */

const UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

/** A UUID id argument. */
export function idArg(what: string): JsonSchema {
  return { type: "string", format: "uuid", pattern: UUID_PATTERN, description: `The ${what}'s id (UUID).` };
}

/** A string argument of `min`–`max` characters. */
export function textArg(description: string, min: number, max: number): JsonSchema {
  return { type: "string", minLength: min, maxLength: max, description };
}

/** An integer argument from `min` to `max`. */
export function integerArg(description: string, min: number, max: number, fallback: number): JsonSchema {
  return { type: "integer", minimum: min, maximum: max, default: fallback, description };
}

/** The stateless era's project argument. */
export const PROJECT_HANDLE_ARG: JsonSchema = {
  type: "string",
  // "ph1_" and 44 bytes in base64url (see projectHandle.ts).
  pattern: "^ph1_[A-Za-z0-9_-]{59}$",
  description:
    "The project to act in: a handle from create_project, switch_project or current_project. Omitted: your default project.",
};

/** An object with exactly these properties, all required. */
export function strictObject(properties: Record<string, JsonSchema>, optional: string[] = []): JsonSchema {
  return {
    type: "object",
    properties,
    required: Object.keys(properties).filter((key) => !optional.includes(key)),
    additionalProperties: false,
  };
}

const dateTime: JsonSchema = { type: "string", format: "date-time" };
const id: JsonSchema = { type: "string", format: "uuid" };

/** A project as the tools return it (the REST shape). */
export const PROJECT = strictObject({
  id,
  name: { type: "string", minLength: 1, maxLength: 200 },
  is_default: { type: "boolean" },
  created_at: dateTime,
  updated_at: dateTime,
});

/** A project and the stateless era's handle for it. */
export const PROJECT_WITH_HANDLE = strictObject({ project: PROJECT, project_handle: { type: "string" } });

/** A locked context (the REST shape). */
export const CONTEXT = strictObject({
  id,
  project_id: id,
  topic: { type: "string", minLength: 1, maxLength: 200 },
  version: { type: "integer", minimum: 1 },
  content: { type: "string" },
  tags: { type: "array", items: { type: "string" }, maxItems: 20 },
  created_at: dateTime,
});

/** A conversation (the REST shape). */
export const CONVERSATION = strictObject({
  id,
  project_id: { anyOf: [id, { type: "null" }] },
  title: { type: "string", minLength: 1, maxLength: 200 },
  created_at: dateTime,
  updated_at: dateTime,
});

/** A message (the REST shape). */
export const MESSAGE = strictObject({
  id,
  conversation_id: id,
  role: { enum: ["user", "assistant"] },
  content: { type: "string" },
  created_at: dateTime,
});

/** A run (the REST shape). */
export const RUN = strictObject({
  id,
  conversation_id: id,
  status: { enum: ["running", "completed", "failed"] },
  created_at: dateTime,
  finished_at: { anyOf: [dateTime, { type: "null" }] },
});

/** A run event as stored: its type and number are certain, the rest depends on the type. */
export const RUN_EVENT: JsonSchema = {
  type: "object",
  properties: {
    type: {
      enum: [
        "agent_started",
        "agent_thinking",
        "tool_executing",
        "tool_completed",
        "agent_completed",
        "agent_error",
      ],
    },
    seq: { type: "integer", minimum: 1 },
    run_id: id,
  },
  required: ["type", "seq", "run_id"],
};
