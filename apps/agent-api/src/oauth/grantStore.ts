import { randomUUID } from "node:crypto";
import type pg from "pg";

/** A grant: what one authorization code and everything issued from it share. */
export type Grant = {
  id: string;
  client_id: string;
  owner_id: string;
  resource: string;
  scope: string;
  expires_at: Date;
  revoked_at: Date | null;
};

/**
 * Opens a grant that lives until `expiresAt` unless a token pushes it further.
 * @example const grantId = await createGrant(pool, { clientId, ownerId, resource, scope, expiresAt });
 */
export async function createGrant(
  pool: pg.Pool,
  grant: { clientId: string; ownerId: string; resource: string; scope: string; expiresAt: Date },
): Promise<string> {
  const id = randomUUID();
  await pool.query(
    "INSERT INTO oauth_grants (id, client_id, owner_id, resource, scope, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
    [id, grant.clientId, grant.ownerId, grant.resource, grant.scope, grant.expiresAt],
  );
  return id;
}

/**
 * The grant, or null when it is gone (deleted with its client or user, or cleaned up).
 * @example const grant = await findGrant(pool, claims.gid);
 */
export async function findGrant(pool: pg.Pool, id: string): Promise<Grant | null> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const result = await pool.query<Grant>(
    "SELECT id, client_id, owner_id, resource, scope, expires_at, revoked_at FROM oauth_grants WHERE id = $1",
    [id],
  );
  return result.rows[0] ?? null;
}

/**
 * Revokes a grant: its access tokens stop working at /mcp, its refresh tokens at the token
 * endpoint. The first reason stays.
 * @example await revokeGrant(pool, row.grant_id, "code_reused");
 */
export async function revokeGrant(pool: pg.Pool, id: string, reason: string): Promise<void> {
  await pool.query(
    "UPDATE oauth_grants SET revoked_at = clock_timestamp(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL",
    [id, reason],
  );
}

/**
 * Keeps a grant at least until `until` (the expiry of the latest token issued from it).
 * @example await extendGrant(pool, grantId, refreshExpiry);
 */
export async function extendGrant(pool: pg.Pool, id: string, until: Date): Promise<void> {
  await pool.query("UPDATE oauth_grants SET expires_at = GREATEST(expires_at, $2) WHERE id = $1", [
    id,
    until,
  ]);
}

/** A refresh token as stored. */
export type RefreshTokenRow = {
  token_hash: string;
  grant_id: string;
  expires_at: Date;
  used_at: Date | null;
};

/**
 * Stores a refresh token (its hash) of a grant.
 * @example await insertRefreshToken(pool, { hash, grantId, ownerId, expiresAt });
 */
export async function insertRefreshToken(
  pool: pg.Pool,
  token: { hash: string; grantId: string; ownerId: string; expiresAt: Date },
): Promise<void> {
  await pool.query(
    "INSERT INTO oauth_refresh_tokens (token_hash, grant_id, owner_id, expires_at) VALUES ($1, $2, $3, $4)",
    [token.hash, token.grantId, token.ownerId, token.expiresAt],
  );
}

/**
 * A refresh token by hash, or null.
 * @example const row = await findRefreshToken(pool, hashSecret(presented));
 */
export async function findRefreshToken(pool: pg.Pool, hash: string): Promise<RefreshTokenRow | null> {
  const result = await pool.query<RefreshTokenRow>(
    "SELECT token_hash, grant_id, expires_at, used_at FROM oauth_refresh_tokens WHERE token_hash = $1",
    [hash],
  );
  return result.rows[0] ?? null;
}

/**
 * Marks a refresh token used; false when it already was (rotation: the second use is a replay).
 * @example if (!(await consumeRefreshToken(pool, hash))) await revokeGrant(pool, row.grant_id, "refresh_reused");
 */
export async function consumeRefreshToken(pool: pg.Pool, hash: string): Promise<boolean> {
  const result = await pool.query(
    "UPDATE oauth_refresh_tokens SET used_at = clock_timestamp() WHERE token_hash = $1 AND used_at IS NULL",
    [hash],
  );
  return (result.rowCount ?? 0) > 0;
}
