import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** PGlite (in memory, or in a directory) served over the PostgreSQL wire protocol on loopback. */
export type EmbeddedServer = { host: string; port: number; stop: () => Promise<void> };

/**
 * Starts PGlite and serves it on `127.0.0.1:port` (0: a free port), so `pg` talks to it like to
 * any server. Its files live in `dir` when given (a restarted service finds its data again, as
 * with a real database), else in memory. See docs/decisions/0005 for why clients keep to one
 * connection.
 * @example const server = await startEmbeddedServer(0); // { host: "127.0.0.1", port: 43121, stop }
 */
export async function startEmbeddedServer(port = 0, dir?: string): Promise<EmbeddedServer> {
  const db = dir === undefined ? await PGlite.create() : await PGlite.create(dir);
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 8 });
  await server.start();
  const [host = "127.0.0.1", bound] = server.getServerConn().split(":");
  return {
    host,
    port: Number(bound),
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
