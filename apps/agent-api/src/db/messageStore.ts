import type pg from "pg";

/** A message as the API returns it. */
export type Message = {
  id: string;
  conversation_id: string;
  role: "user" | "assistant";
  content: string;
  created_at: string;
};
type MessageRow = Omit<Message, "created_at"> & { created_at: Date };

/** The columns {@link toMessage} reads. */
export const MESSAGE_COLUMNS = "id, conversation_id, role, content, created_at";

/** Maps a `messages` row to the API shape. */
export function toMessage(row: MessageRow): Message {
  return { ...row, created_at: row.created_at.toISOString() };
}

/**
 * Inserts a message (inside the caller's transaction when given a client).
 * @example await insertMessage(client, { id, ownerId, conversationId, role: "user", content })
 */
export async function insertMessage(
  db: pg.Pool | pg.PoolClient,
  message: { id: string; ownerId: string; conversationId: string; role: Message["role"]; content: string },
): Promise<Message> {
  const result = await db.query<MessageRow>(
    `INSERT INTO messages (id, owner_id, conversation_id, role, content) VALUES ($1, $2, $3, $4, $5)
     RETURNING ${MESSAGE_COLUMNS}`,
    [message.id, message.ownerId, message.conversationId, message.role, message.content],
  );
  const row = result.rows[0];
  if (row === undefined) throw new Error("INSERT … RETURNING gave no row");
  return toMessage(row);
}

/**
 * The messages of an owned conversation, oldest first.
 * @example await listMessages(pool, user.id, conversationId)
 */
export async function listMessages(db: pg.Pool, ownerId: string, conversationId: string): Promise<Message[]> {
  const result = await db.query<MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 AND owner_id = $2
     ORDER BY created_at, id LIMIT 1000`,
    [conversationId, ownerId],
  );
  return result.rows.map(toMessage);
}
