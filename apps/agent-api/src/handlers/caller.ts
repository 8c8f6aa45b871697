import { findTestUser } from "../db/userStore.ts";
import { HttpError, notFound } from "../http/HttpError.ts";
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

// The test-support API acts for test users only (tagged, created through it): on a staging
// instance the admin token must never become a way to act as, delete or break a real user.
export const TEST_USER_RULE =
  "the test-support API acts only for tagged users created through POST /v1/test-support/users.";

/**
 * The 403 `not_a_test_user` error.
 * @example throw notATestUser("The subject is another user.");
 */
export function notATestUser(message: string): HttpError {
  return new HttpError(403, "not_a_test_user", message);
}

/**
 * The test user `id` names: a 403 `not_a_test_user` for an id that names no user, or a user
 * without a tag (a real user, or one created without a tag).
 * @example const user = await requireTestUser(ctx, idParam(ctx, "user"));
 */
export async function requireTestUser(ctx: RequestContext, id: string): Promise<User> {
  const user = isUuid(id) ? await findTestUser(ctx.services.pool, id.toLowerCase()) : null;
  if (user === null) throw notATestUser(`The user is not a test user: ${TEST_USER_RULE}`);
  return user;
}
