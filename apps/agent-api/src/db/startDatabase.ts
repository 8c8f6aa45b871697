import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import pg from "pg";
import { describeError, type Logger } from "../log.ts";

/** A connected pool and how to shut everything behind it. */
export type Database = {
  pool: pg.Pool;
  mode: "embedded" | "postgres";
  close: () => Promise<void>;
};

const POOL_OPTIONS = { max: 10, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 };

function createPool(config: pg.PoolConfig, log: Logger): pg.Pool {
  const pool = new pg.Pool({ ...POOL_OPTIONS, ...config });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on("error", (error) => log.error("db_pool_error", describeError(error)));
  return pool;
}

/**
 * Connects to `databaseUrl`, or, when it is unset, starts PGlite served over the wire protocol on
 * a free loopback port, so `pg` talks to it like to any server. PGlite keeps its files in `dir`
 * when given (a restarted service finds its data again), else in memory.
 * @example const db = await startDatabase(config.databaseUrl, log, config.dbDir);
 */
export async function startDatabase(
  databaseUrl: string | undefined,
  log: Logger,
  dir?: string,
): Promise<Database> {
  if (databaseUrl !== undefined) {
    const pool = createPool({ connectionString: databaseUrl }, log);
    return { pool, mode: "postgres", close: () => pool.end() };
  }
  const db = dir === undefined ? await PGlite.create() : await PGlite.create(dir);
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 8 });
  await server.start();
  const [host, port] = server.getServerConn().split(":");
  // One pool connection: PGlite is a single session, and pglite-socket queues incoming bytes per
  // TCP chunk, so two busy connections can interleave their Parse/Bind messages
  // ("bind message supplies 1 parameters, but prepared statement requires 2"). The server still
  // takes several connections, so a psql session or a second tool can look in meanwhile.
  const pool = createPool({ host, port: Number(port), user: "postgres", database: "postgres", max: 1 }, log);
  return {
    pool,
    mode: "embedded",
    close: async () => {
      await pool.end();
      await server.stop();
      await db.close();
    },
  };
}
