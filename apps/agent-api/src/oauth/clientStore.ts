import type pg from "pg";
import type { ApplicationType } from "./redirectUris.ts";

/** How a client authenticates at the token endpoint (RFC 7591 §2). */
export type TokenAuthMethod = "none" | "client_secret_basic" | "client_secret_post";

/** A registered client as stored (secrets as hashes only). */
export type OauthClient = {
  client_id: string;
  client_secret_hash: string | null;
  registration_token_hash: string;
  client_name: string | null;
  redirect_uris: string[];
  application_type: ApplicationType;
  token_endpoint_auth_method: TokenAuthMethod;
  grant_types: string[];
  scope: string;
  code_ttl_seconds: number;
  created_at: Date;
};

const COLUMNS =
  "client_id, client_secret_hash, registration_token_hash, client_name, redirect_uris, application_type, token_endpoint_auth_method, grant_types, scope, code_ttl_seconds, created_at";

/**
 * Stores a newly registered client.
 * @example await insertClient(pool, { client_id, registration_token_hash, … });
 */
export async function insertClient(
  pool: pg.Pool,
  client: Omit<OauthClient, "code_ttl_seconds" | "created_at">,
): Promise<OauthClient> {
  const result = await pool.query<OauthClient>(
    `INSERT INTO oauth_clients (client_id, client_secret_hash, registration_token_hash, client_name, redirect_uris,
       application_type, token_endpoint_auth_method, grant_types, scope)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
    [
      client.client_id,
      client.client_secret_hash,
      client.registration_token_hash,
      client.client_name,
      client.redirect_uris,
      client.application_type,
      client.token_endpoint_auth_method,
      client.grant_types,
      client.scope,
    ],
  );
  const row = result.rows[0];
  if (row === undefined) throw new Error("INSERT … RETURNING gave no row");
  return row;
}

/**
 * A client by id, or null (also for an id that is not a UUID: it cannot exist).
 * @example const client = await findClient(pool, params.get("client_id") ?? "");
 */
export async function findClient(pool: pg.Pool, clientId: string): Promise<OauthClient | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(clientId))
    return null;
  const result = await pool.query<OauthClient>(`SELECT ${COLUMNS} FROM oauth_clients WHERE client_id = $1`, [
    clientId,
  ]);
  return result.rows[0] ?? null;
}

/**
 * Deletes a client and, by cascade, its grants, codes and refresh tokens; false when none.
 * @example await deleteClient(pool, client.client_id);
 */
export async function deleteClient(pool: pg.Pool, clientId: string): Promise<boolean> {
  const result = await pool.query("DELETE FROM oauth_clients WHERE client_id = $1", [clientId]);
  return (result.rowCount ?? 0) > 0;
}

/**
 * Sets how long the client's next codes live (test-support: an expired code without waiting).
 * @example await setCodeTtl(pool, client.client_id, 1);
 */
export async function setCodeTtl(pool: pg.Pool, clientId: string, seconds: number): Promise<boolean> {
  const result = await pool.query("UPDATE oauth_clients SET code_ttl_seconds = $2 WHERE client_id = $1", [
    clientId,
    seconds,
  ]);
  return (result.rowCount ?? 0) > 0;
}
