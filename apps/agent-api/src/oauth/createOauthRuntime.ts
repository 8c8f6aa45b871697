import type pg from "pg";
import type { Config } from "../env.ts";
import { describeError, type Logger } from "../log.ts";
import { CodeStore } from "./CodeStore.ts";
import { createRequestSealer, type RequestSealer } from "./sealRequest.ts";

/** What the authorization server keeps for the life of the service. */
export type OauthRuntime = {
  codes: CodeStore;
  sealer: RequestSealer;
  /** Deletes what has expired, now; resolves the counts (the job calls it on a timer). */
  cleanup: () => Promise<CleanupCounts>;
  /** Starts the cleanup job (every `ASSAY_OAUTH_CLEANUP_SECONDS`). */
  start: () => void;
  /** Stops the job, after the sweep in progress if any. */
  stop: () => Promise<void>;
};

/** Rows the cleanup deleted, per kind. */
export type CleanupCounts = { codes: number; refresh_tokens: number; sign_in_codes: number; grants: number };

/**
 * Deletes expired authorization codes, refresh tokens, sign-in codes and grants. A used code is
 * kept until it expires, so a replay before then is still recognised as one (and revokes).
 * @example const counts = await deleteExpired(pool);
 */
export async function deleteExpired(pool: pg.Pool): Promise<CleanupCounts> {
  const count = async (sql: string) => (await pool.query(sql)).rowCount ?? 0;
  return {
    codes: await count("DELETE FROM oauth_authorization_codes WHERE expires_at < clock_timestamp()"),
    refresh_tokens: await count("DELETE FROM oauth_refresh_tokens WHERE expires_at < clock_timestamp()"),
    sign_in_codes: await count("DELETE FROM oauth_sign_in_codes WHERE expires_at < clock_timestamp()"),
    // A grant outlives every token issued from it (extendGrant), so an expired one holds nothing valid.
    grants: await count("DELETE FROM oauth_grants WHERE expires_at < clock_timestamp()"),
  };
}

/**
 * Builds the authorization server's parts. `deps` is read lazily: the runtime is itself a service.
 * @example services.oauth = createOauthRuntime(config, () => services);
 */
export function createOauthRuntime(config: Config, deps: () => { pool: pg.Pool; log: Logger }): OauthRuntime {
  const codes = new CodeStore(() => deps().pool);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  const cleanup = async () => {
    const counts = await deleteExpired(deps().pool);
    counts.codes += codes.sweepMemory();
    if (Object.values(counts).some((n) => n > 0)) deps().log.info("oauth_cleanup", counts);
    return counts;
  };
  return {
    codes,
    sealer: createRequestSealer(config),
    cleanup,
    start() {
      timer ??= setInterval(() => {
        // One sweep at a time: a slow database must not pile them up.
        running ??= cleanup()
          .catch((error: unknown) => deps().log.warn("oauth_cleanup_failed", describeError(error)))
          .finally(() => {
            running = undefined;
          });
      }, config.oauthCleanupMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
