import pg from "pg";
import { describeError } from "../log.ts";
import { instrumentedClient, type QueryObserver } from "./instrumentedClient.ts";
import { startEmbeddedServer } from "./startEmbeddedServer.ts";

/** A connected pool and how to shut everything behind it. */
export type Database = {
  pool: pg.Pool;
  /** The pool's maximum number of connections. */
  max: number;
  mode: "embedded" | "postgres";
  close: () => Promise<void>;
};

/** How the pool behaves; see the README's variables. */
export type PoolSettings = {
  /** Unset: 10 on PostgreSQL, 1 on the embedded database (docs/decisions/0005). */
  max: number | undefined;
  /** Waiting for a free connection (or a new one) longer than this fails the query. */
  connectTimeoutMs: number;
  /** A query without an answer for this long fails, and its connection is dropped. */
  queryTimeoutMs: number;
};

function createPool(config: pg.PoolConfig, settings: PoolSettings, observer: QueryObserver): pg.Pool {
  const pool = new pg.Pool({
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    query_timeout: settings.queryTimeoutMs,
    Client: instrumentedClient(observer),
    ...config,
  });
  keepContextInQueries(pool);
  // An idle client losing its server must not crash the process; the monitor hears of it.
  pool.on("error", (error) => {
    observer.log.warn("db_pool_error", describeError(error));
    observer.onQuery({ operation: "OTHER", ok: false, error });
  });
  return pool;
}

type PromiseQuery = (text: string | pg.QueryConfig, values?: unknown[]) => Promise<pg.QueryResult>;

// pg-pool's own `query` hands the client over in callbacks that run in whichever request's
// context released the previous client, so the query's log line would carry a stranger's
// correlation id. Acquiring with `await` keeps the caller's context; the client is released with
// the error, as pg-pool does, so a connection that failed mid-query is never reused.
function keepContextInQueries(pool: pg.Pool): void {
  const query: PromiseQuery = async (text, values) => {
    const client = await pool.connect();
    try {
      const result = await client.query(text, values);
      client.release();
      return result;
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      throw error;
    }
  };
  (pool as unknown as { query: PromiseQuery }).query = query;
}

/**
 * Connects to `databaseUrl`, or, when it is unset, starts PGlite served over the wire protocol on
 * a free loopback port, so `pg` talks to it like to any server; PGlite keeps its files in `dir`
 * when given (a restarted service finds its data again), else in memory. Every query goes
 * through `observer` (log line, metrics, database monitor).
 * @example const db = await startDatabase(config.databaseUrl, settings, observer, config.dbDir);
 */
export async function startDatabase(
  databaseUrl: string | undefined,
  settings: PoolSettings,
  observer: QueryObserver,
  dir?: string,
): Promise<Database> {
  if (databaseUrl !== undefined) {
    const max = settings.max ?? 10;
    const pool = createPool({ connectionString: databaseUrl, max }, settings, observer);
    return { pool, max, mode: "postgres", close: () => pool.end() };
  }
  const server = await startEmbeddedServer(0, dir);
  // One pool connection: PGlite is a single session, and pglite-socket queues incoming bytes per
  // TCP chunk, so two busy connections can interleave their Parse/Bind messages
  // ("bind message supplies 1 parameters, but prepared statement requires 2"). The server still
  // takes several connections, so a psql session or a second tool can look in meanwhile.
  const max = settings.max ?? 1;
  const config = { host: server.host, port: server.port, user: "postgres", database: "postgres", max };
  const pool = createPool(config, settings, observer);
  return {
    pool,
    max,
    mode: "embedded",
    close: async () => {
      await pool.end();
      await server.stop();
    },
  };
}
