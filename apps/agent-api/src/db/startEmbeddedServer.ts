import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** An in-memory PGlite served over the PostgreSQL wire protocol on loopback. */
export type EmbeddedServer = { host: string; port: number; stop: () => Promise<void> };

/**
 * Starts PGlite in memory and serves it on `127.0.0.1:port` (0: a free port), so `pg` talks to
 * it like to any server. See docs/decisions/0005 for why clients keep to one connection.
 * @example const server = await startEmbeddedServer(0); // { host: "127.0.0.1", port: 43121, stop }
 */
export async function startEmbeddedServer(port = 0): Promise<EmbeddedServer> {
  const db = await PGlite.create();
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
