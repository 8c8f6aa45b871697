import { HttpError } from "../http/HttpError.ts";
import type { Handler } from "../http/Route.ts";
import { readFields } from "../http/readFields.ts";

function invalid(message: string): HttpError {
  return new HttpError(400, "validation_failed", message);
}

/**
 * `POST /v1/test-support/tokens` `{claims, header?}` → 201 `{token}`: exactly these claims,
 * signed with the service's current key, for the auth suite's expired, not-yet-valid,
 * wrong-issuer or subject-less tokens. `header.alg` may only name the service's own algorithm:
 * other algorithms are the attacker's to forge, not the service's to sign.
 */
export const createToken: Handler = async (ctx) => {
  const fields = readFields(ctx.body, {
    claims: { required: true, object: true },
    header: { required: false, object: true },
  });
  const { keys } = ctx.services;
  const header = fields.header ?? {};
  if (header.alg !== undefined && header.alg !== keys.alg) {
    throw invalid(`Field "header" may only carry alg "${keys.alg}", the service's mode.`);
  }
  try {
    return { status: 201, body: { token: keys.sign(fields.claims ?? {}, header) } };
  } catch (error) {
    // jsonwebtoken says which claim it refused (`"exp" should be a number of seconds`).
    const reason = error instanceof Error ? error.message.slice(0, 200) : "unknown reason";
    throw invalid(`Field "claims" cannot be signed: ${reason}`);
  }
};
