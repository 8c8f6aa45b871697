import { randomUUID } from "node:crypto";

const ACCEPTED = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The request's own `x-correlation-id` when it is 1–64 chars of `[A-Za-z0-9._-]`, else a new UUID.
 * @example correlationId(req.headers["x-correlation-id"])
 */
export function correlationId(header: string | string[] | undefined): string {
  return typeof header === "string" && ACCEPTED.test(header) ? header : randomUUID();
}
