import type pg from "pg";
import { toUser } from "../db/userStore.ts";
import type { User } from "../http/Route.ts";

/** How long a test user's sign-in code stays good: ten minutes, once. */
export const SIGN_IN_CODE_TTL_SECONDS = 600;

/**
 * Stores a sign-in code (its hash) for a user.
 * @example await insertSignInCode(pool, user.id, hashSecret(code), expiresAt);
 */
export async function insertSignInCode(
  pool: pg.Pool,
  ownerId: string,
  hash: string,
  expiresAt: Date,
): Promise<void> {
  await pool.query("INSERT INTO oauth_sign_in_codes (code_hash, owner_id, expires_at) VALUES ($1, $2, $3)", [
    hash,
    ownerId,
    expiresAt,
  ]);
}

/**
 * Signs a user in with a code: the code must be the user's (by email), unused and unexpired, and
 * is used up by this call. Resolves the user, or null for any mismatch (no hint which part).
 * @example const user = await consumeSignInCode(pool, form.get("email"), hashSecret(form.get("code")));
 */
export async function consumeSignInCode(pool: pg.Pool, email: string, hash: string): Promise<User | null> {
  const result = await pool.query<{ id: string; email: string; display_name: string; created_at: Date }>(
    `WITH used AS (
       UPDATE oauth_sign_in_codes s SET used_at = clock_timestamp()
        FROM users u
       WHERE s.code_hash = $1 AND s.owner_id = u.id AND lower(u.email) = lower($2)
         AND s.used_at IS NULL AND s.expires_at > clock_timestamp()
       RETURNING u.id, u.email, u.display_name, u.created_at)
     SELECT id, email, display_name, created_at FROM used`,
    [hash, email],
  );
  const row = result.rows[0];
  return row === undefined ? null : toUser(row);
}
