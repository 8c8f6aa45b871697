import { signToken } from "../auth/signToken.ts";
import { HttpError } from "../http/HttpError.ts";
import type { Handler, RequestContext, User } from "../http/Route.ts";
import { isUuid, readFields } from "../http/readFields.ts";
import { idParam, notATestUser, requireTestUser, TEST_USER_RULE } from "./caller.ts";

// Tokens the test-support API signs with the service's real key. They are signed for test users
// only (tagged, created through this API): on a staging instance the admin token must never
// become a way to act as a real user.

function invalid(message: string): HttpError {
  return new HttpError(400, "validation_failed", message);
}

/**
 * `POST /v1/test-support/users/:id/tokens` `{expires_in_seconds}` → 201 `{token, expires_at}`:
 * a short-lived token for a test user; 403 `not_a_test_user` for any other id.
 */
export const createUserToken: Handler = async (ctx) => {
  const id = idParam(ctx, "user");
  const fields = readFields(ctx.body, {
    expires_in_seconds: { required: true, integer: { min: 1, max: 3600 } },
  });
  const user = await requireTestUser(ctx, id);
  const { config, keys } = ctx.services;
  const { token, expiresAt } = signToken({
    keys,
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    userId: user.id,
    ttlSeconds: fields.expires_in_seconds,
  });
  return { status: 201, body: { token, expires_at: expiresAt } };
};

/**
 * `POST /v1/test-support/tokens` `{user_id, claims, header?}` → 201 `{token}`: exactly these
 * claims, signed with the service's current key, for the auth suite's expired, not-yet-valid,
 * wrong-issuer or subject-less tokens. `user_id` names the test user the token is for; `claims.sub`
 * must be that user or absent (a subject-less token still belongs to a named test user), else 403
 * `not_a_test_user`. `header.alg` may only name the service's own algorithm: other algorithms are
 * the attacker's to forge, not the service's to sign.
 */
export const createSignedToken: Handler = async (ctx) => {
  const fields = readFields(ctx.body, {
    user_id: { required: true, min: 1, max: 100 },
    claims: { required: true, object: true },
    header: { required: false, object: true },
  });
  const userId = fields.user_id ?? "";
  if (!isUuid(userId)) throw invalid('Field "user_id" must be a UUID.');
  const user = await requireTestUser(ctx, userId);
  const claims = fields.claims ?? {};
  // The verifier reads the subject case-insensitively, so the comparison is too.
  if ("sub" in claims && (typeof claims.sub !== "string" || claims.sub.toLowerCase() !== user.id)) {
    throw notATestUser(`Claim "sub" must be the test user named by "user_id", or absent: ${TEST_USER_RULE}`);
  }
  const { keys } = ctx.services;
  const header = fields.header ?? {};
  if (header.alg !== undefined && header.alg !== keys.alg) {
    throw invalid(`Field "header" may only carry alg "${keys.alg}", the service's mode.`);
  }
  try {
    return { status: 201, body: { token: keys.sign(claims, header) } };
  } catch (error) {
    // jsonwebtoken says which claim it refused (`"exp" should be a number of seconds`).
    const reason = error instanceof Error ? error.message.slice(0, 200) : "unknown reason";
    throw invalid(`Field "claims" cannot be signed: ${reason}`);
  }
};
