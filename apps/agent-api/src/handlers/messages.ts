import { randomUUID } from "node:crypto";
import { runAgent } from "../agent/runAgent.ts";
import { findConversation } from "../db/conversationStore.ts";
import { listMessages } from "../db/messageStore.ts";
import { startRun } from "../db/runStore.ts";
import { notFound } from "../http/HttpError.ts";
import type { Handler } from "../http/Route.ts";
import { readFields } from "../http/readFields.ts";
import { caller, idParam } from "./caller.ts";

/**
 * `POST /v1/conversations/:id/messages` `{content}` → 202 `{message, run}` at once; the agent
 * runs in the background and streams its events to the owner's sockets.
 */
export const postMessage: Handler = async (ctx) => {
  const user = caller(ctx);
  const conversationId = idParam(ctx, "conversation");
  const { content = "" } = readFields(ctx.body, { content: { required: true, min: 1, max: 32_000 } });
  const ids = { messageId: randomUUID(), runId: randomUUID() };
  const started = await startRun(ctx.services.pool, {
    ownerId: user.id,
    conversationId,
    content,
    instanceId: ctx.services.config.instanceId,
    ...ids,
  });
  if (started === null) throw notFound("conversation");
  const input = { ...ids, ownerId: user.id, conversationId, content };
  ctx.services.runs.start(ids.runId, (signal) => runAgent(ctx.services, input, signal));
  return { status: 202, body: started };
};

/** `GET /v1/conversations/:id/messages` → the messages, oldest first. */
export const getMessages: Handler = async (ctx) => {
  const user = caller(ctx);
  const conversationId = idParam(ctx, "conversation");
  if ((await findConversation(ctx.services.pool, user.id, conversationId)) === null)
    throw notFound("conversation");
  return { status: 200, body: { items: await listMessages(ctx.services.pool, user.id, conversationId) } };
};
