import { listContexts, lockContext, recallContext, unlockTopic } from "../../db/contextStore.ts";
import { MAX_CONTEXT_BYTES } from "../../handlers/contexts.ts";
import { currentProjectId } from "../currentProject.ts";
import { type McpTool, ToolError } from "../McpTool.ts";
import { CONTEXT, integerArg, strictObject, textArg } from "../schemas.ts";

const TOPIC = textArg("The topic: contexts of one topic are versions of each other.", 1, 200);
const projectId = { type: "string", format: "uuid" };

/** Contexts of the current project: lock (a new version), recall, list, unlock (forget a topic). */
export const contextTools: McpTool[] = [
  {
    name: "lock_context",
    title: "Lock a context",
    description:
      "Locks content under a topic in the current project, as the topic's next version. Locked versions never change.",
    inProject: true,
    properties: {
      topic: TOPIC,
      // The REST API's limit is 64 KiB of UTF-8; a character is at most 4 bytes, the handler checks bytes.
      content: textArg("The content (at most 64 KiB of UTF-8).", 1, MAX_CONTEXT_BYTES),
      tags: {
        type: "array",
        items: { type: "string", minLength: 1, maxLength: 64 },
        maxItems: 20,
        description: "Up to 20 tags of 1-64 characters.",
      },
    },
    required: ["topic", "content"],
    output: strictObject({ context: CONTEXT }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    run: async (args, scope) => {
      const content = String(args.content);
      if (Buffer.byteLength(content) > MAX_CONTEXT_BYTES)
        throw new ToolError(`content is over ${MAX_CONTEXT_BYTES} bytes of UTF-8.`);
      const project = await currentProjectId(scope, args);
      const input = { topic: String(args.topic), content, tags: (args.tags as string[] | undefined) ?? [] };
      const context = await lockContext(scope.services.pool, scope.user.id, project, input);
      if (context === null) throw new ToolError("The current project no longer exists. Call switch_project.");
      return { context };
    },
  },
  {
    name: "recall_context",
    title: "Recall a context",
    description: "The latest version of a topic in the current project; found is false when it has none.",
    inProject: true,
    properties: { topic: TOPIC },
    required: ["topic"],
    output: strictObject({ found: { type: "boolean" }, context: { anyOf: [CONTEXT, { type: "null" }] } }),
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: async (args, scope) => {
      const project = await currentProjectId(scope, args);
      const context = await recallContext(scope.services.pool, scope.user.id, project, String(args.topic));
      return { found: context !== null, context };
    },
  },
  {
    name: "list_contexts",
    title: "List contexts",
    description: "The contexts of the current project, newest first.",
    inProject: true,
    properties: { limit: integerArg("At most this many (1-100, default 50).", 1, 100, 50) },
    required: [],
    output: strictObject({
      project_id: projectId,
      items: { type: "array", items: CONTEXT, maxItems: 100 },
      count: { type: "integer", minimum: 0 },
    }),
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: async (args, scope) => {
      const project = await currentProjectId(scope, args);
      const all = await listContexts(scope.services.pool, scope.user.id, project);
      const items = all.slice(0, (args.limit as number | undefined) ?? 50);
      return { project_id: project, items, count: items.length };
    },
  },
  {
    name: "unlock_context",
    title: "Unlock a topic",
    description: "Forgets a topic in the current project: deletes every locked version of it.",
    inProject: true,
    properties: { topic: TOPIC },
    required: ["topic"],
    output: strictObject({
      project_id: projectId,
      topic: { type: "string" },
      removed: { type: "integer", minimum: 0 },
    }),
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    run: async (args, scope) => {
      const project = await currentProjectId(scope, args);
      const topic = String(args.topic);
      const removed = await unlockTopic(scope.services.pool, scope.user.id, project, topic);
      return { project_id: project, topic, removed };
    },
  },
];
