import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";

/** Where the numbered `NNN_name.sql` files live. */
export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../migrations");

// Any fixed 64-bit number works; it only has to be the same in every instance of this service.
const MIGRATION_LOCK_KEY = 4_310_001;

/**
 * Applies the migrations not yet recorded in `schema_migrations`, all in one transaction.
 * A transaction-scoped advisory lock makes two instances starting at once take turns.
 * @example const applied = await migrate(pool); // ["001_initial.sql"]
 */
export async function migrate(pool: pg.Pool, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((name) => /^\d{3}_[\w-]+\.sql$/.test(name)).sort();
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const done = await client.query<{ name: string }>("SELECT name FROM schema_migrations");
    const applied = new Set(done.rows.map((row) => row.name));
    const pending = files.filter((name) => !applied.has(name));
    for (const name of pending) {
      await client.query(await readFile(path.join(dir, name), "utf8"));
      await client.query("INSERT INTO schema_migrations (name) VALUES ($1)", [name]);
    }
    await client.query("COMMIT");
    return pending;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
