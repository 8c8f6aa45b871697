import {
  deleteProject,
  findProject,
  insertProject,
  listProjects,
  renameProject,
} from "../db/projectStore.ts";
import { HttpError, notFound } from "../http/HttpError.ts";
import type { Handler } from "../http/Route.ts";
import { readFields } from "../http/readFields.ts";
import { caller, idParam } from "./caller.ts";

const NAME = { name: { required: true, min: 1, max: 200 } };

/** `POST /v1/projects` `{name}` → 201 project. */
export const createProject: Handler = async (ctx) => {
  const { name = "" } = readFields(ctx.body, NAME);
  return { status: 201, body: await insertProject(ctx.services.pool, caller(ctx).id, name) };
};

/** `GET /v1/projects` → the caller's projects, oldest first, the default one first. */
export const getProjects: Handler = async (ctx) => {
  return { status: 200, body: { items: await listProjects(ctx.services.pool, caller(ctx).id) } };
};

/** `GET /v1/projects/:id` → one owned project. */
export const getProject: Handler = async (ctx) => {
  const project = await findProject(ctx.services.pool, caller(ctx).id, idParam(ctx, "project"));
  if (project === null) throw notFound("project");
  return { status: 200, body: project };
};

/** `PATCH /v1/projects/:id` `{name}` → 200 the renamed project. */
export const patchProject: Handler = async (ctx) => {
  const id = idParam(ctx, "project");
  const { name = "" } = readFields(ctx.body, NAME);
  const project = await renameProject(ctx.services.pool, caller(ctx).id, id, name);
  if (project === null) throw notFound("project");
  return { status: 200, body: project };
};

/** `DELETE /v1/projects/:id` → 204 with its conversations, contexts and sessions; 409 for the default. */
export const removeProject: Handler = async (ctx) => {
  const outcome = await deleteProject(ctx.services.pool, caller(ctx).id, idParam(ctx, "project"));
  if (outcome === "missing") throw notFound("project");
  if (outcome === "default") {
    throw new HttpError(409, "conflict", "The default project cannot be deleted; delete another one.");
  }
  return { status: 204 };
};
