import { findRun, listRunEvents } from "../db/runStore.ts";
import { notFound } from "../http/HttpError.ts";
import type { Handler } from "../http/Route.ts";
import { caller, idParam } from "./caller.ts";

/** `GET /v1/runs/:id` → one owned run. */
export const getRun: Handler = async (ctx) => {
  const run = await findRun(ctx.services.pool, caller(ctx).id, idParam(ctx, "run"));
  if (run === null) throw notFound("run");
  return { status: 200, body: run };
};

/** `GET /v1/runs/:id/events` → every stored event of an owned run so far, by `seq`. */
export const getRunEvents: Handler = async (ctx) => {
  const user = caller(ctx);
  const runId = idParam(ctx, "run");
  if ((await findRun(ctx.services.pool, user.id, runId)) === null) throw notFound("run");
  return { status: 200, body: { items: await listRunEvents(ctx.services.pool, user.id, runId) } };
};
