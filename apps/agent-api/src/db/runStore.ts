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
  input: {
    ownerId: string;
    conversationId: string;
    messageId: string;
    runId: string;
    content: string;
    /** The instance that runs it (`Config.instanceId`). */
    instanceId: string;
  },
): Promise<{ message: Message; run: Run } | null> {
  return withTransaction(pool, async (client) => {
    const owned = await client.query(
      "UPDATE conversations SET updated_at = clock_timestamp() WHERE id = $1 AND owner_id = $2 RETURNING id",
      [input.conversationId, input.ownerId],
    );
    if (owned.rowCount === 0) return null;
    const message = await insertMessage(client, { ...input, id: input.messageId, role: "user" });
    const result = await client.query<RunRow>(
      `INSERT INTO runs (id, owner_id, conversation_id, message_id, status, instance_id)
       VALUES ($1, $2, $3, $4, 'running', $5)
       RETURNING ${COLUMNS}`,
      [input.runId, input.ownerId, input.conversationId, input.messageId, input.instanceId],
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

/** A run that has already ended (its terminal event is stored): nothing may follow it. */
export class RunEndedError extends Error {
  constructor(runId: string) {
    super(`run ${runId} has already ended`);
    this.name = "RunEndedError";
  }
}

/**
 * Persists one event of a running run; throws {@link RunEndedError} when the run has ended
 * (another path stored its terminal event), so nothing is ever stored after a terminal event.
 * @example await insertRunEvent(pool, ownerId, runId, event)
 */
export async function insertRunEvent(
  db: pg.Pool | pg.PoolClient,
  ownerId: string,
  runId: string,
  event: { seq: number },
): Promise<void> {
  const inserted = await db.query(
    `INSERT INTO run_events (run_id, owner_id, seq, event)
     SELECT $1, $2, $3, $4 FROM runs WHERE id = $1 AND status = 'running' FOR SHARE`,
    [runId, ownerId, event.seq, JSON.stringify(event)],
  );
  // FOR SHARE waits for a transaction ending the run, then sees it ended.
  if (inserted.rowCount === 0) throw new RunEndedError(runId);
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
    // Only a running run ends, once: a second terminal event rolls back with its message.
    const ended = await client.query(
      "UPDATE runs SET status = $1, finished_at = clock_timestamp() WHERE id = $2 AND status = 'running'",
      [input.status, input.runId],
    );
    if (ended.rowCount === 0) throw new RunEndedError(input.runId);
    const message =
      input.assistant === undefined
        ? null
        : await insertMessage(client, { ...input, ...input.assistant, role: "assistant" });
    await client.query("INSERT INTO run_events (run_id, owner_id, seq, event) VALUES ($1, $2, $3, $4)", [
      input.runId,
      input.ownerId,
      input.event.seq,
      JSON.stringify(input.event),
    ]);
    return message;
  });
}

/** The events {@link failInstanceRuns} stored to end one run, and its owner (to push them live). */
export type InterruptedRun = { ownerId: string; runId: string; events: Array<Record<string, unknown>> };

/**
 * Ends every run of this instance still `running`, each in its own transaction: a tool call it
 * left open gets its `tool_completed` (`output: {error: "interrupted"}`, so every
 * `tool_executing` stays paired), then the run ends with `agent_error` (`internal`, `message`),
 * numbered after its last stored event. Runs at start (a killed process left them) and at
 * shutdown (runs that did not stop within the grace period). Runs of other instances on the same
 * database are left alone.
 * @example const ended = await failInstanceRuns(pool, config.instanceId, "The service restarted while the run was in flight.");
 */
export async function failInstanceRuns(
  pool: pg.Pool,
  instanceId: string,
  message: string,
): Promise<InterruptedRun[]> {
  const running = await pool.query<{ id: string }>(
    "SELECT id FROM runs WHERE instance_id = $1 AND status = 'running' ORDER BY created_at",
    [instanceId],
  );
  const ended: InterruptedRun[] = [];
  for (const { id } of running.rows) {
    const run = await withTransaction(pool, async (client) => {
      // The row lock makes a run's own last write and this one take turns; the later one finds
      // the run ended and stores nothing.
      const locked = await client.query<{ owner_id: string; conversation_id: string }>(
        "SELECT owner_id, conversation_id FROM runs WHERE id = $1 AND status = 'running' FOR UPDATE",
        [id],
      );
      const row = locked.rows[0];
      if (row === undefined) return null;
      const stored = await client.query<{ event: StoredEvent }>(
        "SELECT event FROM run_events WHERE run_id = $1 ORDER BY seq",
        [id],
      );
      const open = new Map<string, StoredEvent>();
      let seq = 0;
      for (const { event } of stored.rows) {
        seq = Math.max(seq, event.seq);
        if (event.type === "tool_executing" && event.tool_call_id) open.set(event.tool_call_id, event);
        if (event.type === "tool_completed" && event.tool_call_id) open.delete(event.tool_call_id);
      }
      const base = { run_id: id, conversation_id: row.conversation_id };
      const events: Array<Record<string, unknown> & { seq: number }> = [];
      for (const call of open.values()) {
        const started = Date.parse(call.ts ?? "");
        events.push({
          type: "tool_completed",
          ...base,
          seq: ++seq,
          ts: new Date().toISOString(),
          tool_call_id: call.tool_call_id,
          tool_name: call.tool_name,
          output: { error: "interrupted" },
          duration_ms: Number.isFinite(started) ? Math.max(0, Date.now() - started) : 0,
        });
      }
      events.push({
        type: "agent_error",
        ...base,
        seq: ++seq,
        ts: new Date().toISOString(),
        error: { code: "internal", message },
      });
      for (const event of events)
        await client.query("INSERT INTO run_events (run_id, owner_id, seq, event) VALUES ($1, $2, $3, $4)", [
          id,
          row.owner_id,
          event.seq,
          JSON.stringify(event),
        ]);
      await client.query("UPDATE runs SET status = 'failed', finished_at = clock_timestamp() WHERE id = $1", [
        id,
      ]);
      return { ownerId: row.owner_id, runId: id, events };
    });
    if (run !== null) ended.push(run);
  }
  return ended;
}

type StoredEvent = { type: string; seq: number; ts?: string; tool_call_id?: string; tool_name?: string };
