import type { McpTool } from "../McpTool.ts";
import { strictObject } from "../schemas.ts";

const readOnly = { readOnlyHint: true, openWorldHint: false } as const;

/** The groups discover names, in catalog order. */
export const TOOL_GROUPS = ["projects", "contexts", "conversations", "runs", "memory"] as const;

const SESSION_STEPS = [
  "list_projects",
  "switch_project {project_id}",
  "lock_context {topic,content}",
  "start_conversation {title}",
  "send_message {conversation_id,content}",
  "get_run_status {run_id}",
];
const STATELESS_STEPS = [
  "list_projects",
  "switch_project {project_id} -> project_handle",
  "lock_context {project_handle,topic,content}",
  "start_conversation {project_handle,title}",
  "send_message {project_handle,conversation_id,content}",
  "get_run_status {run_id}",
];

/**
 * The progressive-disclosure tier: tiny outputs an agent can afford before anything else —
 * `health` (~20 tokens), `discover` (~50), `quickstart` (~150), counted on the whole result.
 * @example disclosureTools(() => TOOLS).map((tool) => tool.name) // ["health", "discover", "quickstart"]
 */
export function disclosureTools(catalog: () => readonly McpTool[]): McpTool[] {
  return [
    {
      name: "health",
      title: "Health",
      description: "Is the backend up? Tiny output.",
      inProject: false,
      properties: {},
      required: [],
      output: strictObject({ status: { enum: ["healthy", "degraded"] } }),
      annotations: readOnly,
      // From the state the database monitor keeps, like /health: fast while the database is down.
      run: async (_args, scope) => ({
        status: scope.services.database.up ? "healthy" : "degraded",
      }),
    },
    {
      name: "discover",
      title: "Discover",
      description: "What this server offers, in a few tokens. Call quickstart next.",
      inProject: false,
      properties: {},
      required: [],
      output: strictObject({
        tools: { type: "integer", minimum: 0 },
        groups: { type: "array", items: { enum: [...TOOL_GROUPS] } },
        next: { const: "quickstart" },
      }),
      annotations: readOnly,
      run: async () => ({ tools: catalog().length, groups: [...TOOL_GROUPS], next: "quickstart" }),
    },
    {
      name: "quickstart",
      title: "Quickstart",
      description: "The first calls to make, in order, for your protocol era.",
      inProject: false,
      properties: {},
      required: [],
      output: strictObject({
        era: { enum: ["session", "stateless"] },
        steps: { type: "array", items: { type: "string" }, minItems: 1 },
      }),
      annotations: readOnly,
      run: async (_args, scope) => ({
        era: scope.era,
        steps: scope.era === "session" ? SESSION_STEPS : STATELESS_STEPS,
      }),
    },
  ];
}
