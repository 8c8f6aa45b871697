import type pg from "pg";

/** A conversation as the API returns it. */
export type Conversation = {
  id: string;
  project_id: string | null;
  title: string;
  created_at: string;
  updated_at: string;
};
type ConversationRow = Omit<Conversation, "created_at" | "updated_at"> & {
  created_at: Date;
  updated_at: Date;
};

// `project_id` is null only for a row an older instance wrote after migration 002 (see there).
const COLUMNS = "id, project_id, title, created_at, updated_at";

function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    project_id: row.project_id,
    title: row.title,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

/**
 * Creates a conversation in one of its owner's projects; null when the caller owns no such project.
 * @example await insertConversation(pool, user.id, { id: randomUUID(), projectId, title: "Plans" })
 */
export async function insertConversation(
  db: pg.Pool,
  ownerId: string,
  input: { id: string; projectId: string; title: string },
): Promise<Conversation | null> {
  const result = await db.query<ConversationRow>(
    `INSERT INTO conversations (id, owner_id, project_id, title)
     SELECT $1, $2, p.id, $4 FROM projects p WHERE p.id = $3 AND p.owner_id = $2
     RETURNING ${COLUMNS}`,
    [input.id, ownerId, input.projectId, input.title],
  );
  const row = result.rows[0];
  return row === undefined ? null : toConversation(row);
}

/**
 * The owner's conversations, newest first.
 * @example (await listConversations(pool, user.id))[0]
 */
export async function listConversations(db: pg.Pool, ownerId: string): Promise<Conversation[]> {
  const result = await db.query<ConversationRow>(
    `SELECT ${COLUMNS} FROM conversations WHERE owner_id = $1 ORDER BY created_at DESC, id DESC LIMIT 500`,
    [ownerId],
  );
  return result.rows.map(toConversation);
}

/**
 * One conversation if the caller owns it, else null (foreign and missing look the same).
 * @example await findConversation(pool, user.id, id)
 */
export async function findConversation(
  db: pg.Pool,
  ownerId: string,
  id: string,
): Promise<Conversation | null> {
  const result = await db.query<ConversationRow>(
    `SELECT ${COLUMNS} FROM conversations WHERE id = $1 AND owner_id = $2`,
    [id, ownerId],
  );
  const row = result.rows[0];
  return row === undefined ? null : toConversation(row);
}

/**
 * Any user's conversation by id. Only the `skip_owner_check` fault calls this, to prove the
 * isolation suite notices a missing owner check; nothing else may.
 * @example await findConversationOfAnyOwner(pool, id)
 */
export async function findConversationOfAnyOwner(db: pg.Pool, id: string): Promise<Conversation | null> {
  const result = await db.query<ConversationRow>(`SELECT ${COLUMNS} FROM conversations WHERE id = $1`, [id]);
  const row = result.rows[0];
  return row === undefined ? null : toConversation(row);
}

/**
 * Deletes an owned conversation with its messages and runs; false when none matched.
 * @example await deleteConversation(pool, user.id, id)
 */
export async function deleteConversation(db: pg.Pool, ownerId: string, id: string): Promise<boolean> {
  const result = await db.query("DELETE FROM conversations WHERE id = $1 AND owner_id = $2", [id, ownerId]);
  return (result.rowCount ?? 0) > 0;
}
