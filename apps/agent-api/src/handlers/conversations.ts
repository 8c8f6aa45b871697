import { randomUUID } from "node:crypto";
import {
  deleteConversation,
  findConversation,
  findConversationOfAnyOwner,
  insertConversation,
  listConversations,
} from "../db/conversationStore.ts";
import { defaultProjectId } from "../db/projectStore.ts";
import { hasFault } from "../faults.ts";
import { notFound } from "../http/HttpError.ts";
import type { Handler, Reply } from "../http/Route.ts";
import { readFields } from "../http/readFields.ts";
import { describeError } from "../log.ts";
import { caller, idParam, knownId } from "./caller.ts";
import { sessionHeader, sessionProject } from "./sessionProject.ts";

/**
 * `POST /v1/conversations` `{title, project_id?}` → 201 conversation, in `project_id`, else in
 * the project of the `X-Assay-Session` session, else in the default project.
 */
export const createConversation: Handler = async (ctx) => {
  const user = caller(ctx);
  const fields = readFields(ctx.body, {
    title: { required: true, min: 1, max: 200 },
    project_id: { required: false, min: 1, max: 100 },
  });
  const { pool } = ctx.services;
  const sessionId = sessionHeader(ctx, false);
  let projectId: string;
  if (fields.project_id !== undefined) projectId = knownId(fields.project_id, "project");
  else if (sessionId !== null) projectId = await sessionProject(ctx, sessionId);
  else projectId = await defaultProjectId(pool, user.id);
  const input = { id: randomUUID(), projectId, title: fields.title ?? "" };
  if (hasFault(user.id, "ack_before_commit")) return acknowledgeBeforeCommit(ctx, user.id, input);
  const conversation = await insertConversation(pool, user.id, input);
  if (conversation === null) throw notFound("project");
  return { status: 201, body: conversation };
};

const WRITE_BEHIND_MS = 300;

// The `ack_before_commit` fault: 201 at once, the row written a moment later ("write-behind").
// A database that goes away meanwhile loses an acknowledged write; the resilience suite must
// notice. Nothing else may answer before its write is committed.
function acknowledgeBeforeCommit(
  ctx: Parameters<Handler>[0],
  ownerId: string,
  input: { id: string; projectId: string; title: string },
): Reply {
  const now = new Date().toISOString();
  setTimeout(() => {
    insertConversation(ctx.services.pool, ownerId, input).catch((error: unknown) =>
      ctx.services.log.warn("write_behind_failed", describeError(error)),
    );
  }, WRITE_BEHIND_MS);
  const body = {
    id: input.id,
    project_id: input.projectId,
    title: input.title,
    created_at: now,
    updated_at: now,
  };
  return { status: 201, body };
}

/** `GET /v1/conversations` → the caller's conversations (every project), newest first. */
export const getConversations: Handler = async (ctx) => {
  return { status: 200, body: { items: await listConversations(ctx.services.pool, caller(ctx).id) } };
};

/** `GET /v1/conversations/:id` → one owned conversation. */
export const getConversation: Handler = async (ctx) => {
  const user = caller(ctx);
  const id = idParam(ctx, "conversation");
  const conversation = hasFault(user.id, "skip_owner_check")
    ? await findConversationOfAnyOwner(ctx.services.pool, id)
    : await findConversation(ctx.services.pool, user.id, id);
  if (conversation === null) throw notFound("conversation");
  return { status: 200, body: conversation };
};

/** `DELETE /v1/conversations/:id` → 204; messages and runs go with it. */
export const removeConversation: Handler = async (ctx) => {
  const deleted = await deleteConversation(ctx.services.pool, caller(ctx).id, idParam(ctx, "conversation"));
  if (!deleted) throw notFound("conversation");
  return { status: 204 };
};
