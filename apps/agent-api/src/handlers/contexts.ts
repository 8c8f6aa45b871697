import { findContext, listContexts, lockContext, recallContext } from "../db/contextStore.ts";
import { HttpError, notFound } from "../http/HttpError.ts";
import type { Handler } from "../http/Route.ts";
import { readFields, readText } from "../http/readFields.ts";
import { caller, idParam } from "./caller.ts";
import { sessionHeader, sessionProject } from "./sessionProject.ts";

/** The largest context content: 64 KiB of UTF-8. */
export const MAX_CONTEXT_BYTES = 64 * 1024;
const TOPIC = { required: true, min: 1, max: 200 };

/**
 * `POST /v1/contexts` `{topic, content, tags?}` + `X-Assay-Session` → 201 context, locked in the
 * session's current project as the next version of its topic.
 */
export const postContext: Handler = async (ctx) => {
  const sessionId = sessionHeader(ctx, true);
  const fields = readFields(ctx.body, {
    topic: TOPIC,
    content: { required: true, min: 1, max: MAX_CONTEXT_BYTES, bytes: true },
    tags: { required: false, maxItems: 20, list: { required: true, min: 1, max: 64 } },
  });
  const input = { topic: fields.topic ?? "", content: fields.content ?? "", tags: fields.tags ?? [] };
  const projectId = await sessionProject(ctx, sessionId);
  const context = await lockContext(ctx.services.pool, caller(ctx).id, projectId, input);
  // The session's project was deleted between the two queries.
  if (context === null) throw notFound("session");
  return { status: 201, body: context };
};

/** `GET /v1/contexts` + `X-Assay-Session` → the contexts of the session's project, newest first. */
export const getContexts: Handler = async (ctx) => {
  const projectId = await sessionProject(ctx, sessionHeader(ctx, true));
  return { status: 200, body: { items: await listContexts(ctx.services.pool, caller(ctx).id, projectId) } };
};

/** `GET /v1/contexts/recall?topic=T` + `X-Assay-Session` → the latest version of T in the session's project. */
export const getContextRecall: Handler = async (ctx) => {
  const sessionId = sessionHeader(ctx, true);
  const topic = readText(ctx.query.get("topic"), 'Query parameter "topic"', TOPIC);
  const projectId = await sessionProject(ctx, sessionId);
  const context = await recallContext(ctx.services.pool, caller(ctx).id, projectId, topic);
  if (context === null) throw new HttpError(404, "not_found", "No context with that topic in this project.");
  return { status: 200, body: context };
};

/** `GET /v1/contexts/:id` → one owned context, whatever its project. */
export const getContext: Handler = async (ctx) => {
  const context = await findContext(ctx.services.pool, caller(ctx).id, idParam(ctx, "context"));
  if (context === null) throw notFound("context");
  return { status: 200, body: context };
};
