-- OAuth 2.1 for the MCP endpoint (README, "OAuth 2.1 for /mcp"). Every secret is stored as the
-- hex SHA-256 of its value: codes, refresh tokens, client secrets, registration access tokens and
-- sign-in codes are never in a row as they were sent. Rows a user owns carry `owner_id`, like every
-- other table, and go when the user goes. Idempotent like the others.

-- Registered clients (RFC 7591). Deleting one (RFC 7592) takes its grants, codes and tokens along.
CREATE TABLE IF NOT EXISTS oauth_clients (
  client_id uuid PRIMARY KEY,
  client_secret_hash text,
  registration_token_hash text NOT NULL,
  client_name text,
  redirect_uris text[] NOT NULL,
  application_type text NOT NULL CHECK (application_type IN ('web', 'native')),
  token_endpoint_auth_method text NOT NULL
    CHECK (token_endpoint_auth_method IN ('none', 'client_secret_basic', 'client_secret_post')),
  grant_types text[] NOT NULL,
  scope text NOT NULL,
  -- How long this client's authorization codes live; the test-support API may shorten it.
  code_ttl_seconds integer NOT NULL DEFAULT 300 CHECK (code_ttl_seconds BETWEEN 1 AND 600),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- One grant per authorization code: the code, the access tokens (their `gid` claim) and the
-- chain of refresh tokens it leads to. Revoking the grant revokes all of them at once.
CREATE TABLE IF NOT EXISTS oauth_grants (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES oauth_clients (client_id) ON DELETE CASCADE,
  owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  resource text NOT NULL,
  scope text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- Pushed forward by every token issued; past it, nothing of the grant can still be valid.
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_reason text
);
CREATE INDEX IF NOT EXISTS oauth_grants_owner_idx ON oauth_grants (owner_id);
CREATE INDEX IF NOT EXISTS oauth_grants_client_idx ON oauth_grants (client_id);
CREATE INDEX IF NOT EXISTS oauth_grants_expiry_idx ON oauth_grants (expires_at);

CREATE TABLE IF NOT EXISTS oauth_authorization_codes (
  code_hash text PRIMARY KEY,
  grant_id uuid NOT NULL REFERENCES oauth_grants (id) ON DELETE CASCADE,
  client_id uuid NOT NULL REFERENCES oauth_clients (client_id) ON DELETE CASCADE,
  owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  redirect_uri text NOT NULL,
  code_challenge text NOT NULL,
  code_challenge_method text NOT NULL,
  resource text NOT NULL,
  scope text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  expires_at timestamptz NOT NULL,
  -- Set by the one redemption that may succeed; a second one finds it set.
  used_at timestamptz
);
CREATE INDEX IF NOT EXISTS oauth_codes_expiry_idx ON oauth_authorization_codes (expires_at);
CREATE INDEX IF NOT EXISTS oauth_codes_grant_idx ON oauth_authorization_codes (grant_id);

CREATE TABLE IF NOT EXISTS oauth_refresh_tokens (
  token_hash text PRIMARY KEY,
  grant_id uuid NOT NULL REFERENCES oauth_grants (id) ON DELETE CASCADE,
  owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  expires_at timestamptz NOT NULL,
  -- Rotation: set when it is exchanged for the next one; a second exchange revokes the grant.
  used_at timestamptz
);
CREATE INDEX IF NOT EXISTS oauth_refresh_grant_idx ON oauth_refresh_tokens (grant_id);
CREATE INDEX IF NOT EXISTS oauth_refresh_expiry_idx ON oauth_refresh_tokens (expires_at);

-- One-time sign-in codes for test users, handed out by the test-support API: the credential the
-- sign-in page asks for (the service keeps no passwords).
CREATE TABLE IF NOT EXISTS oauth_sign_in_codes (
  code_hash text PRIMARY KEY,
  owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX IF NOT EXISTS oauth_sign_in_owner_idx ON oauth_sign_in_codes (owner_id);
CREATE INDEX IF NOT EXISTS oauth_sign_in_expiry_idx ON oauth_sign_in_codes (expires_at);
