import { randomUUID } from "node:crypto";
import type pg from "pg";

/** A session as the API returns it: who is working where (its current project). */
export type Session = { id: string; project_id: string; created_at: string; updated_at: string };
type SessionRow = Omit<Session, "created_at" | "updated_at"> & { created_at: Date; updated_at: Date };
type Db = pg.Pool | pg.PoolClient;

const COLUMNS = "id, project_id, created_at, updated_at";

function toSession(row: SessionRow): Session {
  return { ...row, created_at: row.created_at.toISOString(), updated_at: row.updated_at.toISOString() };
}

function first(result: pg.QueryResult<SessionRow>): Session | null {
  const row = result.rows[0];
  return row === undefined ? null : toSession(row);
}

/**
 * Opens a session on an owned project; null when the caller owns no such project.
 * @example await insertSession(pool, user.id, await defaultProjectId(pool, user.id))
 */
export async function insertSession(
  db: Db,
  ownerId: string,
  projectId: string,
  id: string = randomUUID(),
): Promise<Session | null> {
  const result = await db.query<SessionRow>(
    `INSERT INTO sessions (id, owner_id, project_id)
     SELECT $1, $2, p.id FROM projects p WHERE p.id = $3 AND p.owner_id = $2
     RETURNING ${COLUMNS}`,
    [id, ownerId, projectId],
  );
  return first(result);
}

/**
 * One session if the caller owns it, else null.
 * @example await findSession(pool, user.id, sessionId)
 */
export async function findSession(db: Db, ownerId: string, id: string): Promise<Session | null> {
  const result = await db.query<SessionRow>(
    `SELECT ${COLUMNS} FROM sessions WHERE id = $1 AND owner_id = $2`,
    [id, ownerId],
  );
  return first(result);
}

/**
 * Moves an owned session to an owned project; says which of the two the caller does not own.
 * Only this session's row changes, so the user's other sessions keep their projects.
 * @example await switchSession(pool, user.id, sessionId, projectId) // Session | "no_session" | …
 */
export async function switchSession(
  db: Db,
  ownerId: string,
  id: string,
  projectId: string,
): Promise<Session | "no_session" | "no_project"> {
  const result = await db.query<SessionRow>(
    `UPDATE sessions s SET project_id = p.id, updated_at = clock_timestamp()
     FROM projects p
     WHERE s.id = $1 AND s.owner_id = $2 AND p.id = $3 AND p.owner_id = $2
     RETURNING s.id, s.project_id, s.created_at, s.updated_at`,
    [id, ownerId, projectId],
  );
  const switched = first(result);
  if (switched !== null) return switched;
  return (await findSession(db, ownerId, id)) === null ? "no_session" : "no_project";
}

/**
 * A socket's `switch_project`: like {@link switchSession}, but recreates the socket's own session
 * row (same id) when deleting its project took it away, so the open socket can carry on.
 * @example await switchSocketSession(pool, user.id, sessionId, projectId) // Session | null
 */
export async function switchSocketSession(
  db: Db,
  ownerId: string,
  id: string,
  projectId: string,
): Promise<Session | null> {
  const result = await db.query<SessionRow>(
    `INSERT INTO sessions (id, owner_id, project_id)
     SELECT $1, $2, p.id FROM projects p WHERE p.id = $3 AND p.owner_id = $2
     ON CONFLICT (id) DO UPDATE SET project_id = EXCLUDED.project_id, updated_at = clock_timestamp()
       WHERE sessions.owner_id = EXCLUDED.owner_id
     RETURNING ${COLUMNS}`,
    [id, ownerId, projectId],
  );
  return first(result);
}

/**
 * Deletes an owned session (an MCP session that ended); false when none matched.
 * @example await deleteSession(pool, user.id, sessionId)
 */
export async function deleteSession(db: Db, ownerId: string, id: string): Promise<boolean> {
  const result = await db.query("DELETE FROM sessions WHERE id = $1 AND owner_id = $2", [id, ownerId]);
  return (result.rowCount ?? 0) > 0;
}
