import { randomUUID } from "node:crypto";
import type pg from "pg";

/** A project as the API returns it. */
export type Project = {
  id: string;
  name: string;
  is_default: boolean;
  created_at: string;
  updated_at: string;
};
type ProjectRow = Omit<Project, "created_at" | "updated_at"> & { created_at: Date; updated_at: Date };
type Db = pg.Pool | pg.PoolClient;

const COLUMNS = "id, name, is_default, created_at, updated_at";
/** The name of the project every user gets at creation. */
export const DEFAULT_PROJECT_NAME = "Default";

function toProject(row: ProjectRow): Project {
  return { ...row, created_at: row.created_at.toISOString(), updated_at: row.updated_at.toISOString() };
}

/**
 * Creates a project for its owner (the default one when `isDefault`).
 * @example await insertProject(pool, user.id, "Research")
 */
export async function insertProject(
  db: Db,
  ownerId: string,
  name: string,
  isDefault = false,
): Promise<Project> {
  const result = await db.query<ProjectRow>(
    `INSERT INTO projects (id, owner_id, name, is_default) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
    [randomUUID(), ownerId, name, isDefault],
  );
  const row = result.rows[0];
  if (row === undefined) throw new Error("INSERT … RETURNING gave no row");
  return toProject(row);
}

/**
 * The owner's projects, oldest first, the default one before all others.
 * @example (await listProjects(pool, user.id))[0]?.is_default // true
 */
export async function listProjects(db: Db, ownerId: string): Promise<Project[]> {
  const result = await db.query<ProjectRow>(
    `SELECT ${COLUMNS} FROM projects WHERE owner_id = $1 ORDER BY is_default DESC, created_at, id LIMIT 500`,
    [ownerId],
  );
  return result.rows.map(toProject);
}

/**
 * One project if the caller owns it, else null (foreign and missing look the same).
 * @example await findProject(pool, user.id, id)
 */
export async function findProject(db: Db, ownerId: string, id: string): Promise<Project | null> {
  const result = await db.query<ProjectRow>(
    `SELECT ${COLUMNS} FROM projects WHERE id = $1 AND owner_id = $2`,
    [id, ownerId],
  );
  const row = result.rows[0];
  return row === undefined ? null : toProject(row);
}

/**
 * Renames an owned project; null when the caller owns none with that id.
 * @example await renameProject(pool, user.id, id, "Renamed")
 */
export async function renameProject(
  db: Db,
  ownerId: string,
  id: string,
  name: string,
): Promise<Project | null> {
  const result = await db.query<ProjectRow>(
    `UPDATE projects SET name = $3, updated_at = clock_timestamp() WHERE id = $1 AND owner_id = $2
     RETURNING ${COLUMNS}`,
    [id, ownerId, name],
  );
  const row = result.rows[0];
  return row === undefined ? null : toProject(row);
}

/**
 * Deletes an owned project that is not the default one, with its conversations, contexts and
 * sessions (by cascade). Says why nothing was deleted: no such project, or the default one.
 * @example await deleteProject(pool, user.id, id) // "deleted" | "missing" | "default"
 */
export async function deleteProject(
  db: Db,
  ownerId: string,
  id: string,
): Promise<"deleted" | "missing" | "default"> {
  const result = await db.query<{ deleted: boolean; is_default: boolean }>(
    `WITH gone AS (DELETE FROM projects WHERE id = $1 AND owner_id = $2 AND NOT is_default RETURNING id)
     SELECT EXISTS (SELECT 1 FROM gone) AS deleted,
            EXISTS (SELECT 1 FROM projects WHERE id = $1 AND owner_id = $2 AND is_default) AS is_default`,
    [id, ownerId],
  );
  const row = result.rows[0];
  if (row?.deleted === true) return "deleted";
  return row?.is_default === true ? "default" : "missing";
}

/**
 * The id of the owner's default project, created on the spot for a user that predates projects
 * and somehow missed the migration's backfill (a race with an older instance).
 * @example const projectId = await defaultProjectId(pool, user.id);
 */
export async function defaultProjectId(db: Db, ownerId: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const found = await db.query<{ id: string }>(
      "SELECT id FROM projects WHERE owner_id = $1 AND is_default",
      [ownerId],
    );
    const id = found.rows[0]?.id;
    if (id !== undefined) return id;
    if (attempt > 1) throw new Error("no default project even after creating one");
    await db.query(
      `INSERT INTO projects (id, owner_id, name, is_default) VALUES ($1, $2, $3, true)
       ON CONFLICT (owner_id) WHERE is_default DO NOTHING`,
      [randomUUID(), ownerId, DEFAULT_PROJECT_NAME],
    );
  }
}
