import type pg from "pg";
import { withTransaction } from "./withTransaction.ts";

/** A memory update job as the API returns it. */
export type MemoryJob = {
  id: string;
  conversation_id: string;
  status: "queued" | "retry" | "running" | "done" | "dead";
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  created_at: string;
  updated_at: string;
};
type JobRow = Omit<MemoryJob, "created_at" | "updated_at"> & {
  created_at: Date;
  updated_at: Date;
  owner_id: string;
  correlation_id: string;
};
/** A claimed job: what the worker needs to run it. */
export type ClaimedJob = MemoryJob & { owner_id: string; correlation_id: string };

/** The three fields a conversation's memory holds. */
export type MemoryFields = { summary: string; key_points: string[]; open_questions: string[] };

/** A conversation's memory as the API returns it. */
export type Memory = {
  conversation_id: string;
  version: number;
  summary: string | null;
  key_points: string[];
  open_questions: string[];
  updated_at: string | null;
  job: MemoryJob | null;
};

const JOB_COLUMNS =
  "id, owner_id, conversation_id, status, attempts, max_attempts, last_error, correlation_id, created_at, updated_at";
// A job claimed longer ago than this belongs to a worker that died (a restart): take it over.
const STALE_LOCK = "30 seconds";

function toJob(row: JobRow): MemoryJob {
  return {
    id: row.id,
    conversation_id: row.conversation_id,
    status: row.status,
    attempts: row.attempts,
    max_attempts: row.max_attempts,
    last_error: row.last_error,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

/**
 * Queues a memory update for an owned conversation, or returns the job already waiting for it
 * (concurrent requests share one job). Null when the caller owns no such conversation.
 * @example await enqueueMemoryJob(pool, { id: randomUUID(), ownerId, conversationId, maxAttempts: 3, correlationId })
 */
export async function enqueueMemoryJob(
  pool: pg.Pool,
  input: { id: string; ownerId: string; conversationId: string; maxAttempts: number; correlationId: string },
): Promise<{ job: MemoryJob; created: boolean } | null> {
  const owned = await pool.query("SELECT 1 FROM conversations WHERE id = $1 AND owner_id = $2", [
    input.conversationId,
    input.ownerId,
  ]);
  if (owned.rowCount === 0) return null;
  // The waiting job can be claimed between the INSERT that conflicts and the SELECT: try again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const inserted = await pool.query<JobRow>(
      `INSERT INTO memory_jobs (id, owner_id, conversation_id, status, max_attempts, correlation_id)
       VALUES ($1, $2, $3, 'queued', $4, $5)
       ON CONFLICT (conversation_id) WHERE status = 'queued' DO NOTHING
       RETURNING ${JOB_COLUMNS}`,
      [input.id, input.ownerId, input.conversationId, input.maxAttempts, input.correlationId],
    );
    const row = inserted.rows[0];
    if (row !== undefined) return { job: toJob(row), created: true };
    const waiting = await pool.query<JobRow>(
      `SELECT ${JOB_COLUMNS} FROM memory_jobs WHERE conversation_id = $1 AND owner_id = $2 AND status = 'queued'`,
      [input.conversationId, input.ownerId],
    );
    const existing = waiting.rows[0];
    if (existing !== undefined) return { job: toJob(existing), created: false };
  }
  throw new Error("could not queue a memory job after 5 attempts");
}

/**
 * Claims the next due job (FOR UPDATE SKIP LOCKED, so several workers never take the same one),
 * skipping conversations whose memory is being written right now; null when nothing is due.
 * @example const job = await claimMemoryJob(pool);
 */
export async function claimMemoryJob(pool: pg.Pool): Promise<ClaimedJob | null> {
  const result = await pool.query<JobRow>(
    `UPDATE memory_jobs SET status = 'running', attempts = attempts + 1, locked_at = clock_timestamp(),
       updated_at = clock_timestamp()
     WHERE id = (
       SELECT j.id FROM memory_jobs j
       WHERE (j.status IN ('queued', 'retry') AND j.run_after <= clock_timestamp()
              OR j.status = 'running' AND j.locked_at < clock_timestamp() - interval '${STALE_LOCK}')
         AND NOT EXISTS (
           SELECT 1 FROM memory_jobs r WHERE r.conversation_id = j.conversation_id AND r.id <> j.id
             AND r.status = 'running' AND r.locked_at >= clock_timestamp() - interval '${STALE_LOCK}')
       ORDER BY j.run_after, j.created_at
       LIMIT 1
       FOR UPDATE SKIP LOCKED)
     RETURNING ${JOB_COLUMNS}`,
  );
  const row = result.rows[0];
  return row === undefined
    ? null
    : { ...toJob(row), owner_id: row.owner_id, correlation_id: row.correlation_id };
}

/**
 * The messages a job summarises, oldest first (at most the last 200).
 * @example const messages = await readConversationForMemory(pool, job);
 */
export async function readConversationForMemory(
  pool: pg.Pool,
  job: ClaimedJob,
): Promise<Array<{ role: string; content: string }>> {
  const result = await pool.query<{ role: string; content: string }>(
    `SELECT role, content FROM (
       SELECT role, content, created_at, id FROM messages WHERE conversation_id = $1 AND owner_id = $2
       ORDER BY created_at DESC, id DESC LIMIT 200) recent
     ORDER BY created_at, id`,
    [job.conversation_id, job.owner_id],
  );
  return result.rows;
}

/**
 * Writes the memory (all three fields at once, version + 1) and marks the job done, in one
 * transaction: a reader sees the old memory or the new one, never a mix.
 * @example await completeMemoryJob(pool, job, { summary, key_points, open_questions });
 */
export async function completeMemoryJob(pool: pg.Pool, job: ClaimedJob, fields: MemoryFields): Promise<void> {
  await withTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO conversation_memory (conversation_id, owner_id, summary, key_points, open_questions, version, job_id)
       SELECT $1, $2, $3, $4, $5, 1, $6 FROM conversations WHERE id = $1 AND owner_id = $2
       ON CONFLICT (conversation_id) DO UPDATE SET summary = EXCLUDED.summary, key_points = EXCLUDED.key_points,
         open_questions = EXCLUDED.open_questions, version = conversation_memory.version + 1,
         job_id = EXCLUDED.job_id, updated_at = clock_timestamp()`,
      [
        job.conversation_id,
        job.owner_id,
        fields.summary,
        JSON.stringify(fields.key_points),
        JSON.stringify(fields.open_questions),
        job.id,
      ],
    );
    await client.query(
      "UPDATE memory_jobs SET status = 'done', last_error = NULL, locked_at = NULL, updated_at = clock_timestamp() WHERE id = $1",
      [job.id],
    );
  });
}

/**
 * Records a failed attempt: back to the queue after `retryInMs`, or `dead` when it was the last.
 * @example await failMemoryJob(pool, job, "upstream_error", 400);
 */
export async function failMemoryJob(
  pool: pg.Pool,
  job: ClaimedJob,
  code: string,
  retryInMs: number,
): Promise<"retry" | "dead"> {
  const status = job.attempts >= job.max_attempts ? "dead" : "retry";
  await pool.query(
    `UPDATE memory_jobs SET status = $2, last_error = $3, locked_at = NULL,
       run_after = clock_timestamp() + make_interval(secs => $4::double precision / 1000),
       updated_at = clock_timestamp()
     WHERE id = $1`,
    [job.id, status, code, retryInMs],
  );
  return status;
}

/**
 * How many jobs wait, run and gave up (the queue depth metric).
 * @example await countMemoryJobs(pool) // { queued: 2, running: 1, dead: 0 }
 */
export async function countMemoryJobs(
  pool: pg.Pool,
): Promise<{ queued: number; running: number; dead: number }> {
  const result = await pool.query<{ queued: string; running: string; dead: string }>(
    `SELECT count(*) FILTER (WHERE status IN ('queued', 'retry')) AS queued,
            count(*) FILTER (WHERE status = 'running') AS running,
            count(*) FILTER (WHERE status = 'dead') AS dead
     FROM memory_jobs`,
  );
  const row = result.rows[0];
  return {
    queued: Number(row?.queued ?? 0),
    running: Number(row?.running ?? 0),
    dead: Number(row?.dead ?? 0),
  };
}

/**
 * An owned conversation's memory and its latest job; null when the caller owns no such conversation.
 * @example await readMemory(pool, user.id, conversationId)
 */
export async function readMemory(
  pool: pg.Pool,
  ownerId: string,
  conversationId: string,
): Promise<Memory | null> {
  const result = await pool.query<{
    memory_summary: string | null;
    key_points: string[] | null;
    open_questions: string[] | null;
    version: number | null;
    memory_updated_at: Date | null;
    job: (Omit<JobRow, "created_at" | "updated_at"> & { created_at: string; updated_at: string }) | null;
  }>(
    `SELECT m.summary AS memory_summary, m.key_points, m.open_questions, m.version, m.updated_at AS memory_updated_at,
       (SELECT row_to_json(j) FROM (
          SELECT ${JOB_COLUMNS} FROM memory_jobs WHERE conversation_id = c.id
          ORDER BY created_at DESC, id DESC LIMIT 1) j) AS job
     FROM conversations c LEFT JOIN conversation_memory m ON m.conversation_id = c.id
     WHERE c.id = $1 AND c.owner_id = $2`,
    [conversationId, ownerId],
  );
  const row = result.rows[0];
  if (row === undefined) return null;
  const job =
    row.job === null
      ? null
      : toJob({
          ...row.job,
          created_at: new Date(row.job.created_at),
          updated_at: new Date(row.job.updated_at),
        });
  return {
    conversation_id: conversationId,
    version: row.version ?? 0,
    summary: row.memory_summary,
    key_points: row.key_points ?? [],
    open_questions: row.open_questions ?? [],
    updated_at: row.memory_updated_at?.toISOString() ?? null,
    job,
  };
}
