import { randomUUID } from "node:crypto";
import type pg from "pg";
import { withTransaction } from "./withTransaction.ts";

/** A locked context as the API returns it; immutable once stored. */
export type Context = {
  id: string;
  project_id: string;
  topic: string;
  version: number;
  content: string;
  tags: string[];
  created_at: string;
};
type ContextRow = Omit<Context, "created_at"> & { created_at: Date };

const COLUMNS = "id, project_id, topic, version, content, tags, created_at";

function toContext(row: ContextRow): Context {
  return { ...row, created_at: row.created_at.toISOString() };
}

/**
 * Locks a context in an owned project as the next version of its topic; null when the caller
 * owns no such project. The project row is locked first, so two concurrent locks of one topic
 * take turns instead of both claiming the same version.
 * @example await lockContext(pool, user.id, projectId, { topic: "plan", content: "…", tags: [] })
 */
export async function lockContext(
  pool: pg.Pool,
  ownerId: string,
  projectId: string,
  input: { topic: string; content: string; tags: string[] },
): Promise<Context | null> {
  return withTransaction(pool, async (client) => {
    const owned = await client.query("SELECT id FROM projects WHERE id = $1 AND owner_id = $2 FOR UPDATE", [
      projectId,
      ownerId,
    ]);
    if (owned.rowCount === 0) return null;
    const result = await client.query<ContextRow>(
      `INSERT INTO contexts (id, owner_id, project_id, topic, version, content, tags)
       SELECT $1, $2, $3, $4, COALESCE(MAX(version), 0) + 1, $5, $6
       FROM contexts WHERE project_id = $3 AND owner_id = $2 AND topic = $4
       RETURNING ${COLUMNS}`,
      [randomUUID(), ownerId, projectId, input.topic, input.content, input.tags],
    );
    const row = result.rows[0];
    if (row === undefined) throw new Error("INSERT … RETURNING gave no row");
    return toContext(row);
  });
}

/**
 * The contexts of an owned project, newest first.
 * @example await listContexts(pool, user.id, projectId)
 */
export async function listContexts(db: pg.Pool, ownerId: string, projectId: string): Promise<Context[]> {
  const result = await db.query<ContextRow>(
    `SELECT ${COLUMNS} FROM contexts WHERE project_id = $1 AND owner_id = $2
     ORDER BY created_at DESC, version DESC, id DESC LIMIT 500`,
    [projectId, ownerId],
  );
  return result.rows.map(toContext);
}

/**
 * The latest version of a topic in an owned project, or null when the project has none.
 * @example await recallContext(pool, user.id, projectId, "plan")
 */
export async function recallContext(
  db: pg.Pool,
  ownerId: string,
  projectId: string,
  topic: string,
): Promise<Context | null> {
  const result = await db.query<ContextRow>(
    `SELECT ${COLUMNS} FROM contexts WHERE project_id = $1 AND owner_id = $2 AND topic = $3
     ORDER BY version DESC LIMIT 1`,
    [projectId, ownerId, topic],
  );
  const row = result.rows[0];
  return row === undefined ? null : toContext(row);
}

/**
 * One context if the caller owns it, whatever its project, else null.
 * @example await findContext(pool, user.id, id)
 */
export async function findContext(db: pg.Pool, ownerId: string, id: string): Promise<Context | null> {
  const result = await db.query<ContextRow>(
    `SELECT ${COLUMNS} FROM contexts WHERE id = $1 AND owner_id = $2`,
    [id, ownerId],
  );
  const row = result.rows[0];
  return row === undefined ? null : toContext(row);
}

/**
 * Unlocks a topic: deletes every version of it in an owned project; resolves how many went.
 * @example await unlockTopic(pool, user.id, projectId, "plan") // 2
 */
export async function unlockTopic(
  db: pg.Pool,
  ownerId: string,
  projectId: string,
  topic: string,
): Promise<number> {
  const result = await db.query(
    "DELETE FROM contexts WHERE project_id = $1 AND owner_id = $2 AND topic = $3",
    [projectId, ownerId, topic],
  );
  return result.rowCount ?? 0;
}
