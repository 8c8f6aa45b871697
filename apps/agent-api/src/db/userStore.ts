import type pg from "pg";
import type { User } from "../http/Route.ts";
import { DEFAULT_PROJECT_NAME, insertProject } from "./projectStore.ts";
import { withTransaction } from "./withTransaction.ts";

type UserRow = { id: string; email: string; display_name: string; created_at: Date };

/** Maps a `users` row to the API shape. */
export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    display_name: row.display_name,
    created_at: row.created_at.toISOString(),
  };
}

/**
 * Finds a user by id, or null.
 * @example await findUser(pool, claims.sub)
 */
export async function findUser(db: pg.Pool, id: string): Promise<User | null> {
  const result = await db.query<UserRow>(
    "SELECT id, email, display_name, created_at FROM users WHERE id = $1",
    [id],
  );
  const row = result.rows[0];
  return row === undefined ? null : toUser(row);
}

/**
 * Finds a test user by id: one the test-support API created with a tag. Null for any other
 * user (or none), so test-support tokens are never signed for a real user.
 * @example await findTestUser(pool, fields.user_id)
 */
export async function findTestUser(db: pg.Pool, id: string): Promise<User | null> {
  const result = await db.query<UserRow>(
    "SELECT id, email, display_name, created_at FROM users WHERE id = $1 AND tag IS NOT NULL",
    [id],
  );
  const row = result.rows[0];
  return row === undefined ? null : toUser(row);
}

/**
 * Inserts a user and its Default project in one transaction (a user is never seen without
 * one); resolves null when the email is taken.
 * @example await insertUser(pool, { id, email, displayName, tag: null })
 */
export async function insertUser(
  pool: pg.Pool,
  user: { id: string; email: string; displayName: string; tag: string | null },
): Promise<User | null> {
  return withTransaction(pool, async (client) => {
    const result = await client.query<UserRow>(
      `INSERT INTO users (id, email, display_name, tag) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO NOTHING RETURNING id, email, display_name, created_at`,
      [user.id, user.email, user.displayName, user.tag],
    );
    const row = result.rows[0];
    if (row === undefined) return null;
    await insertProject(client, row.id, DEFAULT_PROJECT_NAME, true);
    return toUser(row);
  });
}

/**
 * Deletes a user and, by cascade, everything it owns; false when there was none.
 * @example await deleteUser(pool, id)
 */
export async function deleteUser(db: pg.Pool, id: string): Promise<boolean> {
  const result = await db.query("DELETE FROM users WHERE id = $1", [id]);
  return (result.rowCount ?? 0) > 0;
}

/** Which tagged users a listing or a sweep takes: tag prefix, and optionally created before. */
export type TagFilter = { tagPrefix: string; createdBefore: string | null };

const TAGGED = "tag IS NOT NULL AND starts_with(tag, $1) AND ($2::timestamptz IS NULL OR created_at < $2)";

/**
 * The users whose tag starts with the prefix (at most `limit`, oldest first) and how many match.
 * @example await listTaggedUsers(pool, { tagPrefix: "run-1234", createdBefore: null })
 */
export async function listTaggedUsers(
  db: pg.Pool,
  filter: TagFilter,
  limit = 1000,
): Promise<{ items: User[]; count: number }> {
  const result = await db.query<UserRow & { total: string }>(
    `SELECT id, email, display_name, created_at, count(*) OVER () AS total FROM users
     WHERE ${TAGGED} ORDER BY created_at, id LIMIT $3`,
    [filter.tagPrefix, filter.createdBefore, limit],
  );
  return { items: result.rows.map(toUser), count: Number(result.rows[0]?.total ?? 0) };
}

/**
 * Deletes the users a {@link TagFilter} matches, with everything they own; returns their ids.
 * @example (await deleteTaggedUsers(pool, { tagPrefix: "run-1234", createdBefore })).length
 */
export async function deleteTaggedUsers(db: pg.Pool, filter: TagFilter): Promise<string[]> {
  const result = await db.query<{ id: string }>(`DELETE FROM users WHERE ${TAGGED} RETURNING id`, [
    filter.tagPrefix,
    filter.createdBefore,
  ]);
  return result.rows.map((row) => row.id);
}
