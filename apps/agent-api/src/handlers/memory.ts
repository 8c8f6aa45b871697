import { randomUUID } from "node:crypto";
import { enqueueMemoryJob, readMemory } from "../db/memoryStore.ts";
import { notFound } from "../http/HttpError.ts";
import type { Handler } from "../http/Route.ts";
import { caller, idParam } from "./caller.ts";

/**
 * `POST /v1/conversations/:id/memory/update` → 202 `{job}`: queues a memory update (or returns
 * the one already waiting for this conversation); the worker does the rest.
 */
export const postMemoryUpdate: Handler = async (ctx) => {
  const user = caller(ctx);
  const conversationId = idParam(ctx, "conversation");
  const queued = await enqueueMemoryJob(ctx.services.pool, {
    id: randomUUID(),
    ownerId: user.id,
    conversationId,
    maxAttempts: ctx.services.config.memoryMaxAttempts,
    correlationId: ctx.correlationId,
  });
  if (queued === null) throw notFound("conversation");
  ctx.services.memory.wake();
  return { status: 202, body: { job: queued.job } };
};

/** `GET /v1/conversations/:id/memory` → 200 memory (version 0 and empty fields before the first update). */
export const getMemory: Handler = async (ctx) => {
  const memory = await readMemory(ctx.services.pool, caller(ctx).id, idParam(ctx, "conversation"));
  if (memory === null) throw notFound("conversation");
  return { status: 200, body: memory };
};
