/**
 * The embedded database as a process of its own, for an agent-api that must reach it through a
 * fault proxy or outlive a restart (@assay/chaos boots it): `PORT=0 node serveEmbeddedDatabase.ts`
 * prints one JSON line `{"event":"listening","port":N}` and serves until SIGTERM.
 */

import { loadHelperPort } from "../env.ts";
import { startEmbeddedServer } from "./startEmbeddedServer.ts";

const port = loadHelperPort();
const server = await startEmbeddedServer(port);
process.stdout.write(`${JSON.stringify({ event: "listening", host: server.host, port: server.port })}\n`);
const stop = () => {
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
