-- Conversation memory: a summary in three fields, written by the memory worker, and the queue of
-- update jobs it works from (a table claimed with FOR UPDATE SKIP LOCKED: docs/decisions/0006).
CREATE TABLE IF NOT EXISTS conversation_memory (
  conversation_id uuid PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  summary text NOT NULL,
  key_points jsonb NOT NULL,
  open_questions jsonb NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  job_id uuid NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX IF NOT EXISTS conversation_memory_owner_idx ON conversation_memory (owner_id);

-- queued: waiting; retry: failed, waiting for run_after; running: claimed (locked_at);
-- done; dead: gave up after max_attempts.
CREATE TABLE IF NOT EXISTS memory_jobs (
  id uuid PRIMARY KEY,
  owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('queued', 'retry', 'running', 'done', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL CHECK (max_attempts >= 1),
  run_after timestamptz NOT NULL DEFAULT clock_timestamp(),
  locked_at timestamptz,
  last_error text,
  correlation_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
-- At most one job waiting per conversation: concurrent update requests share it.
CREATE UNIQUE INDEX IF NOT EXISTS memory_jobs_one_queued_idx ON memory_jobs (conversation_id)
  WHERE status = 'queued';
CREATE INDEX IF NOT EXISTS memory_jobs_due_idx ON memory_jobs (run_after)
  WHERE status IN ('queued', 'retry', 'running');
CREATE INDEX IF NOT EXISTS memory_jobs_conversation_idx ON memory_jobs (conversation_id, created_at DESC);
CREATE INDEX IF NOT EXISTS memory_jobs_owner_idx ON memory_jobs (owner_id);
