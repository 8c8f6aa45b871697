import { randomUUID } from "node:crypto";
import { signToken } from "../auth/signToken.ts";
import {
  deleteTaggedUsers,
  deleteUser,
  findUser,
  insertUser,
  listTaggedUsers,
  type TagFilter,
} from "../db/userStore.ts";
import { clearFaults } from "../faults.ts";
import { HttpError, notFound } from "../http/HttpError.ts";
import type { Handler, RequestContext } from "../http/Route.ts";
import { readFields, readText } from "../http/readFields.ts";
import { idParam, requireTestUser } from "./caller.ts";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
// PostgreSQL has no year 0: an earlier instant would fail in SQL instead of answering 400.
const EARLIEST = Date.parse("0001-01-01T00:00:00Z");

function userToken(ctx: RequestContext, userId: string) {
  const { config, keys } = ctx.services;
  return signToken({ keys, issuer: config.jwtIssuer, audience: config.jwtAudience, userId });
}

/**
 * `POST /v1/test-support/users` `{email?, display_name?, tag?}` → 201 `{user, token, expires_at}`.
 * `tag` marks the users of one test run so a sweeper can find its orphans, and marks a test user:
 * only tagged users get more tokens from the test-support API (`testSupportTokens.ts`).
 */
export const createTestUser: Handler = async (ctx) => {
  const fields = readFields(ctx.body, {
    email: { required: false, min: 3, max: 254, pattern: EMAIL },
    display_name: { required: false, min: 1, max: 100 },
    tag: { required: false, min: 1, max: 100 },
  });
  const id = randomUUID();
  const email = fields.email ?? `user-${id}@assay.test`;
  const displayName = fields.display_name ?? `Test user ${id.slice(0, 8)}`;
  const user = await insertUser(ctx.services.pool, { id, email, displayName, tag: fields.tag ?? null });
  if (user === null)
    throw new HttpError(400, "validation_failed", 'Field "email" is already taken by another user.');
  const { token, expiresAt } = userToken(ctx, user.id);
  return { status: 201, body: { user, token, expires_at: expiresAt } };
};

/**
 * `DELETE /v1/test-support/users/:id` → 204; everything the user owns goes with it. 403
 * `not_a_test_user` for any other user: a real user is never the test-support API's to delete.
 */
export const deleteTestUser: Handler = async (ctx) => {
  const id = idParam(ctx, "user").toLowerCase();
  // A user already gone is the 404 teardown expects; one that exists untagged is refused.
  if ((await findUser(ctx.services.pool, id)) === null) throw notFound("user");
  await requireTestUser(ctx, id);
  if (!(await deleteUser(ctx.services.pool, id))) throw notFound("user");
  clearFaults(id);
  return { status: 204 };
};

function tagFilter(ctx: RequestContext): TagFilter {
  const rule = { required: true, min: 8, max: 100 };
  const tagPrefix = readText(ctx.query.get("tag_prefix"), 'Query parameter "tag_prefix"', rule);
  const before = ctx.query.get("created_before");
  if (before === null) return { tagPrefix, createdBefore: null };
  const at = ISO_DATE_TIME.test(before) ? Date.parse(before) : Number.NaN;
  if (!Number.isFinite(at) || at < EARLIEST) {
    throw new HttpError(
      400,
      "validation_failed",
      'Query parameter "created_before" must be an ISO date-time.',
    );
  }
  return { tagPrefix, createdBefore: new Date(at).toISOString() };
}

/** `GET /v1/test-support/users?tag_prefix=P&created_before=ISO` → 200 `{items, count}` (items: at most 1,000). */
export const getTaggedUsers: Handler = async (ctx) => {
  return { status: 200, body: await listTaggedUsers(ctx.services.pool, tagFilter(ctx)) };
};

/** `DELETE /v1/test-support/users?tag_prefix=P&created_before=ISO` → 200 `{deleted}`, with all they own. */
export const sweepTaggedUsers: Handler = async (ctx) => {
  const ids = await deleteTaggedUsers(ctx.services.pool, tagFilter(ctx));
  for (const id of ids) clearFaults(id);
  return { status: 200, body: { deleted: ids.length } };
};
