import type pg from "pg";
import { insertMessage, type Message } from "./messageStore.ts";
import { withTransaction } from "./withTransaction.ts";

/** A run as the API returns it. */
export type Run = {
  id: string;
  conversation_id: string;
  status: "running" | "completed" | "failed";
  created_at: string;
  finished_at: string | null;
};
type RunRow = Omit<Run, "created_at" | "finished_at"> & { created_at: Date; finished_at: Date | null };

const COLUMNS = "id, conversation_id, status, created_at, finished_at";

function toRun(row: RunRow): Run {
  return {
    ...row,
    created_at: row.created_at.toISOString(),
    finished_at: row.finished_at?.toISOString() ?? null,
  };
}

/**
 * Stores the user's message and a `running` run in one transaction; null when the caller
 * does not own the conversation.
 * @example await startRun(pool, { ownerId, conversationId, messageId, runId, content })
 */
export async function startRun(
  pool: pg.Pool,
  input: { ownerId: string; conversationId: string; messageId: string; runId: string; content: string },
): Promise<{ message: Message; run: Run } | null> {
  return withTransaction(pool, async (client) => {
    const owned = await client.query(
      "UPDATE conversations SET updated_at = clock_timestamp() WHERE id = $1 AND owner_id = $2 RETURNING id",
      [input.conversationId, input.ownerId],
    );
    if (owned.rowCount === 0) return null;
    const message = await insertMessage(client, { ...input, id: input.messageId, role: "user" });
    const result = await client.query<RunRow>(
      `INSERT INTO runs (id, owner_id, conversation_id, message_id, status) VALUES ($1, $2, $3, $4, 'running')
       RETURNING ${COLUMNS}`,
      [input.runId, input.ownerId, input.conversationId, input.messageId],
    );
    const row = result.rows[0];
    if (row === undefined) throw new Error("INSERT … RETURNING gave no row");
    return { message, run: toRun(row) };
  });
}

/**
 * One owned run, or null.
 * @example await findRun(pool, user.id, runId)
 */
export async function findRun(db: pg.Pool, ownerId: string, id: string): Promise<Run | null> {
  const result = await db.query<RunRow>(`SELECT ${COLUMNS} FROM runs WHERE id = $1 AND owner_id = $2`, [
    id,
    ownerId,
  ]);
  const row = result.rows[0];
  return row === undefined ? null : toRun(row);
}

/**
 * The stored events of an owned run after `afterSeq`, by `seq`.
 * @example await listRunEvents(pool, user.id, runId)
 */
export async function listRunEvents(
  db: pg.Pool,
  ownerId: string,
  runId: string,
  afterSeq = 0,
): Promise<unknown[]> {
  const result = await db.query<{ event: unknown }>(
    "SELECT event FROM run_events WHERE run_id = $1 AND owner_id = $2 AND seq > $3 ORDER BY seq",
    [runId, ownerId, afterSeq],
  );
  return result.rows.map((row) => row.event);
}

/**
 * Persists one event of a run (inside the caller's transaction when given a client).
 * @example await insertRunEvent(pool, ownerId, runId, event)
 */
export async function insertRunEvent(
  db: pg.Pool | pg.PoolClient,
  ownerId: string,
  runId: string,
  event: { seq: number },
): Promise<void> {
  await db.query("INSERT INTO run_events (run_id, owner_id, seq, event) VALUES ($1, $2, $3, $4)", [
    runId,
    ownerId,
    event.seq,
    JSON.stringify(event),
  ]);
}

/**
 * Ends a run: stores the assistant message (on success), the last event and the final status
 * together, so a reader who sees the status also sees every event.
 * @example await finishRun(pool, { ownerId, runId, conversationId, status: "failed", event })
 */
export async function finishRun(
  pool: pg.Pool,
  input: {
    ownerId: string;
    runId: string;
    conversationId: string;
    status: "completed" | "failed";
    event: { seq: number };
    assistant?: { id: string; content: string };
  },
): Promise<Message | null> {
  return withTransaction(pool, async (client) => {
    const message =
      input.assistant === undefined
        ? null
        : await insertMessage(client, { ...input, ...input.assistant, role: "assistant" });
    await insertRunEvent(client, input.ownerId, input.runId, input.event);
    await client.query("UPDATE runs SET status = $1, finished_at = clock_timestamp() WHERE id = $2", [
      input.status,
      input.runId,
    ]);
    return message;
  });
}
