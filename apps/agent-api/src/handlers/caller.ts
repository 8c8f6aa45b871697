import { notFound } from "../http/HttpError.ts";
import type { RequestContext, User } from "../http/Route.ts";
import { isUuid } from "../http/readFields.ts";

/**
 * The caller; user routes always have one.
 * @example const user = caller(ctx);
 */
export function caller(ctx: RequestContext): User {
  if (ctx.user === null) throw new Error("user route reached without a user");
  return ctx.user;
}

/**
 * An id from the client (path, body or header) when it is a UUID; anything else is the same
 * 404 as an unknown id, so a malformed id tells nothing either.
 * @example const projectId = knownId(fields.project_id, "project");
 */
export function knownId(value: string, what: string): string {
  if (!isUuid(value)) throw notFound(what);
  return value.toLowerCase();
}

/**
 * The `:id` param when it is a UUID; anything else is a 404 like an unknown id.
 * @example const id = idParam(ctx, "run");
 */
export function idParam(ctx: RequestContext, what: string): string {
  return knownId(ctx.params.id ?? "", what);
}
