import { randomUUID } from "node:crypto";
import { runAgent } from "../../agent/runAgent.ts";
import {
  type Conversation,
  deleteConversation,
  findConversation,
  insertConversation,
  listConversations,
} from "../../db/conversationStore.ts";
import { listMessages } from "../../db/messageStore.ts";
import { findRun, listRunEvents, startRun } from "../../db/runStore.ts";
import { currentProjectId } from "../currentProject.ts";
import { type McpTool, ToolError, type ToolScope } from "../McpTool.ts";
import { CONVERSATION, idArg, integerArg, MESSAGE, RUN, strictObject, textArg } from "../schemas.ts";

const id = { type: "string", format: "uuid" };

/**
 * An owned conversation of the current project: conversation tools never reach into another
 * project, so two sessions on two projects cannot see each other's conversations.
 */
async function conversationHere(scope: ToolScope, args: Record<string, unknown>): Promise<Conversation> {
  const projectId = await currentProjectId(scope, args);
  const conversationId = String(args.conversation_id).toLowerCase();
  const conversation = await findConversation(scope.services.pool, scope.user.id, conversationId);
  if (conversation === null || conversation.project_id !== projectId)
    throw new ToolError(
      `No conversation with id ${conversationId} in the current project. Call list_conversations.`,
    );
  return conversation;
}

type StoredEvent = { type?: string; content?: unknown; error?: unknown };

/** Conversations of the current project; `send_message` runs the agent and returns the outcome. */
export const conversationTools: McpTool[] = [
  {
    name: "start_conversation",
    title: "Start a conversation",
    description: "Starts a conversation in the current project.",
    inProject: true,
    properties: { title: textArg("The conversation's title.", 1, 200) },
    required: ["title"],
    output: strictObject({ conversation: CONVERSATION }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    run: async (args, scope) => {
      const projectId = await currentProjectId(scope, args);
      const input = { id: randomUUID(), projectId, title: String(args.title) };
      const conversation = await insertConversation(scope.services.pool, scope.user.id, input);
      if (conversation === null)
        throw new ToolError("The current project no longer exists. Call switch_project.");
      return { conversation };
    },
  },
  {
    name: "list_conversations",
    title: "List conversations",
    description: "The conversations of the current project, newest first.",
    inProject: true,
    properties: {},
    required: [],
    output: strictObject({
      project_id: id,
      items: { type: "array", items: CONVERSATION },
      count: { type: "integer", minimum: 0 },
    }),
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: async (args, scope) => {
      const projectId = await currentProjectId(scope, args);
      const all = await listConversations(scope.services.pool, scope.user.id);
      const items = all.filter((conversation) => conversation.project_id === projectId);
      return { project_id: projectId, items, count: items.length };
    },
  },
  {
    name: "send_message",
    title: "Send a message",
    description:
      "Sends a message in a conversation of the current project and runs the agent on it; waits up to wait_ms for the run to end and returns its outcome (reply or error). A run still going: status running, check get_run_status.",
    inProject: true,
    properties: {
      conversation_id: idArg("conversation"),
      content: textArg("The message.", 1, 32_000),
      wait_ms: integerArg(
        "How long to wait for the run to end (0-30000 ms, default 10000).",
        0,
        30_000,
        10_000,
      ),
    },
    required: ["conversation_id", "content"],
    output: strictObject({
      run: RUN,
      message_id: id,
      reply: { anyOf: [{ type: "string" }, { type: "null" }] },
      error: {
        anyOf: [strictObject({ code: { type: "string" }, message: { type: "string" } }), { type: "null" }],
      },
      event_count: { type: "integer", minimum: 0 },
    }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    run: async (args, scope) => {
      const { services, user } = scope;
      const conversation = await conversationHere(scope, args);
      const content = String(args.content);
      const ids = { messageId: randomUUID(), runId: randomUUID() };
      const input = { ...ids, ownerId: user.id, conversationId: conversation.id, content };
      const started = await startRun(services.pool, { ...input, instanceId: services.config.instanceId });
      if (started === null) throw new ToolError("The conversation was deleted meanwhile.");
      services.runs.start(ids.runId, (signal) => runAgent(services, input, signal));
      await services.runs.waitFor(ids.runId, (args.wait_ms as number | undefined) ?? 10_000);
      const run = (await findRun(services.pool, user.id, ids.runId)) ?? started.run;
      const events = (await listRunEvents(services.pool, user.id, ids.runId)) as StoredEvent[];
      const last = run.status === "running" ? undefined : events.at(-1);
      const reply =
        last?.type === "agent_completed" && typeof last.content === "string" ? last.content : null;
      const error = last?.type === "agent_error" ? (last.error as { code: string; message: string }) : null;
      return { run, message_id: ids.messageId, reply, error, event_count: events.length };
    },
  },
  {
    name: "list_messages",
    title: "List messages",
    description: "The messages of a conversation of the current project, oldest first.",
    inProject: true,
    properties: { conversation_id: idArg("conversation") },
    required: ["conversation_id"],
    output: strictObject({
      conversation_id: id,
      items: { type: "array", items: MESSAGE },
      count: { type: "integer", minimum: 0 },
    }),
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: async (args, scope) => {
      const conversation = await conversationHere(scope, args);
      const items = await listMessages(scope.services.pool, scope.user.id, conversation.id);
      return { conversation_id: conversation.id, items, count: items.length };
    },
  },
  {
    name: "delete_conversation",
    title: "Delete a conversation",
    description: "Deletes a conversation of the current project with its messages and runs.",
    inProject: true,
    properties: { conversation_id: idArg("conversation") },
    required: ["conversation_id"],
    output: strictObject({ deleted: { const: true }, conversation_id: id }),
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    run: async (args, scope) => {
      const conversation = await conversationHere(scope, args);
      if (!(await deleteConversation(scope.services.pool, scope.user.id, conversation.id)))
        throw new ToolError("The conversation was deleted meanwhile.");
      return { deleted: true, conversation_id: conversation.id };
    },
  },
];
