-- Projects, sessions and contexts. Idempotent like 001: the shared `test` database may already
-- hold some of this, and nothing is ever dropped.
CREATE TABLE IF NOT EXISTS projects (
  id uuid PRIMARY KEY,
  owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
-- At most one default project per owner; ON CONFLICT targets this index.
CREATE UNIQUE INDEX IF NOT EXISTS projects_one_default_idx ON projects (owner_id) WHERE is_default;
-- (id, owner_id) is referenced by the tables below, so a row can only point at a project of
-- its own owner: the database refuses a cross-user link even if a query forgot to check.
CREATE UNIQUE INDEX IF NOT EXISTS projects_id_owner_idx ON projects (id, owner_id);
CREATE INDEX IF NOT EXISTS projects_owner_idx ON projects (owner_id, created_at);

-- Every existing user gets its Default project (new users get it with their INSERT).
INSERT INTO projects (id, owner_id, name, is_default)
SELECT gen_random_uuid(), u.id, 'Default', true
FROM users u
WHERE NOT EXISTS (SELECT 1 FROM projects p WHERE p.owner_id = u.id AND p.is_default);

-- Deleting a project deletes its sessions too (rather than moving them to the default project):
-- a session silently landing in the default project is the very bug the suites hunt, so a
-- session whose project is gone answers 404 instead.
CREATE TABLE IF NOT EXISTS sessions (
  id uuid PRIMARY KEY,
  owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  project_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  FOREIGN KEY (project_id, owner_id) REFERENCES projects (id, owner_id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS sessions_project_idx ON sessions (project_id);
CREATE INDEX IF NOT EXISTS sessions_owner_idx ON sessions (owner_id);

CREATE TABLE IF NOT EXISTS contexts (
  id uuid PRIMARY KEY,
  owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  project_id uuid NOT NULL,
  topic text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  content text NOT NULL,
  tags text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (project_id, topic, version),
  FOREIGN KEY (project_id, owner_id) REFERENCES projects (id, owner_id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS contexts_owner_idx ON contexts (owner_id);
CREATE INDEX IF NOT EXISTS contexts_project_idx ON contexts (project_id, created_at DESC);

-- Conversations gain a project. The column stays nullable so an older instance still writing
-- to a shared database keeps working; existing rows move into their owner's default project.
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS project_id uuid;
UPDATE conversations c SET project_id = p.id
FROM projects p
WHERE c.project_id IS NULL AND p.owner_id = c.owner_id AND p.is_default;
CREATE INDEX IF NOT EXISTS conversations_project_idx ON conversations (project_id);
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'conversations_project_owner_fkey') THEN
    ALTER TABLE conversations ADD CONSTRAINT conversations_project_owner_fkey
      FOREIGN KEY (project_id, owner_id) REFERENCES projects (id, owner_id) ON DELETE CASCADE;
  END IF;
END
$$;
