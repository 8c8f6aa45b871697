import { defaultProjectId } from "../db/projectStore.ts";
import { findSession, insertSession, switchSession } from "../db/sessionStore.ts";
import { notFound } from "../http/HttpError.ts";
import type { Handler } from "../http/Route.ts";
import { readFields } from "../http/readFields.ts";
import { caller, idParam, knownId } from "./caller.ts";

const PROJECT_ID = { required: true, min: 1, max: 100 };

/** `POST /v1/sessions` `{project_id?}` → 201 session on that project, or on the default one. */
export const createSession: Handler = async (ctx) => {
  const user = caller(ctx);
  const fields = readFields(ctx.body, { project_id: { ...PROJECT_ID, required: false } });
  const { pool } = ctx.services;
  const projectId =
    fields.project_id === undefined
      ? await defaultProjectId(pool, user.id)
      : knownId(fields.project_id, "project");
  const session = await insertSession(pool, user.id, projectId);
  if (session === null) throw notFound("project");
  ctx.services.log.info("session_created", {
    session_id: session.id,
    user: user.id,
    project: session.project_id,
    via: "http",
  });
  return { status: 201, body: session };
};

/** `GET /v1/sessions/:id` → one owned session (WebSocket sessions included). */
export const getSession: Handler = async (ctx) => {
  const session = await findSession(ctx.services.pool, caller(ctx).id, idParam(ctx, "session"));
  if (session === null) throw notFound("session");
  return { status: 200, body: session };
};

/** `PUT /v1/sessions/:id/project` `{project_id}` → 200 the session, now on that project. */
export const putSessionProject: Handler = async (ctx) => {
  const sessionId = idParam(ctx, "session");
  const fields = readFields(ctx.body, { project_id: PROJECT_ID });
  const projectId = knownId(fields.project_id ?? "", "project");
  const switched = await switchSession(ctx.services.pool, caller(ctx).id, sessionId, projectId);
  if (switched === "no_session") throw notFound("session");
  if (switched === "no_project") throw notFound("project");
  ctx.services.log.info("project_switched", {
    session_id: switched.id,
    user: caller(ctx).id,
    project: switched.project_id,
  });
  return { status: 200, body: switched };
};
