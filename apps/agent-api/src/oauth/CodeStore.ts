import type pg from "pg";
import type { ChallengeMethod } from "./pkce.ts";

/** An authorization code as stored: the code itself only as its hash. */
export type CodeRow = {
  code_hash: string;
  grant_id: string;
  client_id: string;
  owner_id: string;
  redirect_uri: string;
  code_challenge: string;
  code_challenge_method: ChallengeMethod;
  resource: string;
  scope: string;
  expires_at: Date;
  used_at: Date | null;
};

const COLUMNS =
  "code_hash, grant_id, client_id, owner_id, redirect_uri, code_challenge, code_challenge_method, resource, scope, expires_at, used_at";

/**
 * Where authorization codes live: `oauth_authorization_codes` in PostgreSQL, so a restarted
 * instance (or another one on the same database) redeems them. The `oauth_codes_in_memory` fault
 * keeps a client's codes in this process's memory instead — the bug where a restart between
 * authorize and token loses the code.
 */
export class CodeStore {
  readonly #pool: () => pg.Pool;
  readonly #memory = new Map<string, CodeRow>();

  constructor(pool: () => pg.Pool) {
    this.#pool = pool;
  }

  /** Stores a new code; `inMemory` under the fault. */
  async insert(row: Omit<CodeRow, "used_at">, inMemory: boolean): Promise<void> {
    if (inMemory) {
      this.#memory.set(row.code_hash, { ...row, used_at: null });
      return;
    }
    await this.#pool().query(
      `INSERT INTO oauth_authorization_codes (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL)`,
      [
        row.code_hash,
        row.grant_id,
        row.client_id,
        row.owner_id,
        row.redirect_uri,
        row.code_challenge,
        row.code_challenge_method,
        row.resource,
        row.scope,
        row.expires_at,
      ],
    );
  }

  /** The code with this hash, wherever it lives, or null. */
  async find(hash: string): Promise<CodeRow | null> {
    const result = await this.#pool().query<CodeRow>(
      `SELECT ${COLUMNS} FROM oauth_authorization_codes WHERE code_hash = $1`,
      [hash],
    );
    return result.rows[0] ?? this.#memory.get(hash) ?? null;
  }

  /**
   * Marks the code used; false when it already was. One UPDATE with `used_at IS NULL` in its
   * WHERE, so of two redemptions racing each other exactly one wins.
   */
  async consume(hash: string): Promise<boolean> {
    const remembered = this.#memory.get(hash);
    if (remembered !== undefined) {
      if (remembered.used_at !== null) return false;
      remembered.used_at = new Date();
      return true;
    }
    const result = await this.#pool().query(
      "UPDATE oauth_authorization_codes SET used_at = clock_timestamp() WHERE code_hash = $1 AND used_at IS NULL",
      [hash],
    );
    return (result.rowCount ?? 0) > 0;
  }

  /** Forgets expired codes held in memory (the database ones go with the cleanup job). */
  sweepMemory(now = Date.now()): number {
    let swept = 0;
    for (const [hash, row] of this.#memory) {
      if (row.expires_at.getTime() < now) {
        this.#memory.delete(hash);
        swept += 1;
      }
    }
    return swept;
  }
}
