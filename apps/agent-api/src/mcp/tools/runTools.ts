import { listContexts } from "../../db/contextStore.ts";
import { findRun, listRunEvents } from "../../db/runStore.ts";
import { currentProjectId } from "../currentProject.ts";
import { type McpTool, ToolError } from "../McpTool.ts";
import { idArg, integerArg, RUN, RUN_EVENT, strictObject } from "../schemas.ts";

const id = { type: "string", format: "uuid" };
const readOnly = { readOnlyHint: true, openWorldHint: false } as const;

/** Runs (status, events), memory (the current project's latest context per topic), and who you are. */
export const runTools: McpTool[] = [
  {
    name: "get_run_status",
    title: "Run status",
    description: "A run of yours: running, completed or failed.",
    inProject: false,
    properties: { run_id: idArg("run") },
    required: ["run_id"],
    output: strictObject({ run: RUN }),
    annotations: readOnly,
    run: async (args, scope) => {
      const runId = String(args.run_id).toLowerCase();
      const run = await findRun(scope.services.pool, scope.user.id, runId);
      if (run === null) throw new ToolError(`No run with id ${runId}.`);
      return { run };
    },
  },
  {
    name: "list_run_events",
    title: "Run events",
    description: "The stored events of a run of yours after after_seq, by seq.",
    inProject: false,
    properties: {
      run_id: idArg("run"),
      after_seq: integerArg("Only events after this seq (default 0).", 0, 2_147_483_647, 0),
    },
    required: ["run_id"],
    output: strictObject({
      run_id: id,
      items: { type: "array", items: RUN_EVENT },
      count: { type: "integer", minimum: 0 },
    }),
    annotations: readOnly,
    run: async (args, scope) => {
      const runId = String(args.run_id).toLowerCase();
      if ((await findRun(scope.services.pool, scope.user.id, runId)) === null)
        throw new ToolError(`No run with id ${runId}.`);
      const after = (args.after_seq as number | undefined) ?? 0;
      const items = await listRunEvents(scope.services.pool, scope.user.id, runId, after);
      return { run_id: runId, items, count: items.length };
    },
  },
];

const MEMORY_ITEM = strictObject({
  topic: { type: "string" },
  version: { type: "integer", minimum: 1 },
  content: { type: "string" },
  tags: { type: "array", items: { type: "string" } },
  locked_at: { type: "string", format: "date-time" },
});

/** Memory and identity. */
export const memoryTools: McpTool[] = [
  {
    name: "get_memory",
    title: "Memory",
    description: "What the current project remembers: the latest version of each topic, newest first.",
    inProject: true,
    properties: { limit: integerArg("At most this many topics (1-50, default 20).", 1, 50, 20) },
    required: [],
    output: strictObject({
      project_id: id,
      topics: { type: "array", items: MEMORY_ITEM, maxItems: 50 },
      count: { type: "integer", minimum: 0 },
    }),
    annotations: readOnly,
    run: async (args, scope) => {
      const projectId = await currentProjectId(scope, args);
      const latest = new Map<string, Awaited<ReturnType<typeof listContexts>>[number]>();
      for (const context of await listContexts(scope.services.pool, scope.user.id, projectId)) {
        const seen = latest.get(context.topic);
        if (seen === undefined || seen.version < context.version) latest.set(context.topic, context);
      }
      const topics = [...latest.values()]
        .sort((a, b) => b.created_at.localeCompare(a.created_at))
        .slice(0, (args.limit as number | undefined) ?? 20)
        .map(({ topic, version, content, tags, created_at }) => ({
          topic,
          version,
          content,
          tags,
          locked_at: created_at,
        }));
      return { project_id: projectId, topics, count: topics.length };
    },
  },
  {
    name: "whoami",
    title: "Who am I",
    description: "The user your token belongs to.",
    inProject: false,
    properties: {},
    required: [],
    output: strictObject({
      user: strictObject({ id, email: { type: "string" }, display_name: { type: "string" } }),
    }),
    annotations: readOnly,
    run: async (_args, scope) => {
      const { id: userId, email, display_name } = scope.user;
      return { user: { id: userId, email, display_name } };
    },
  },
];
