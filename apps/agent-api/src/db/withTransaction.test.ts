import assert from "node:assert/strict";
import net from "node:net";
import { after, before, test } from "node:test";
import pg from "pg";
import { type EmbeddedServer, startEmbeddedServer } from "./startEmbeddedServer.ts";
import { withTransaction } from "./withTransaction.ts";

// A transaction whose query times out leaves its ROLLBACK unsent. That client must not go back
// to the pool: the next caller would run inside the stale transaction.
let server: EmbeddedServer;
let relay: net.Server;
let holding = false;
const held: Array<() => void> = [];

before(async () => {
  server = await startEmbeddedServer(0);
  // Between the pool and the database: while `holding`, bytes to the database wait.
  relay = net.createServer((client) => {
    const upstream = net.connect({ host: server.host, port: server.port });
    client.on("data", (chunk) => {
      if (holding) held.push(() => upstream.write(chunk));
      else upstream.write(chunk);
    });
    upstream.pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.on("error", () => undefined);
    upstream.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
});
after(async () => {
  relay.close();
  await server.stop();
});

test("a client whose ROLLBACK timed out is dropped by the pool, not handed to the next caller", async () => {
  const { port } = relay.address() as net.AddressInfo;
  const pool = new pg.Pool({
    host: "127.0.0.1",
    port,
    user: "postgres",
    database: "postgres",
    max: 1,
    query_timeout: 300,
  });
  pool.on("error", () => undefined);
  try {
    await pool.query("SELECT 1");
    await assert.rejects(
      withTransaction(pool, async (client) => {
        holding = true;
        await client.query("SELECT 1");
      }),
      /Query read timeout/,
    );
    holding = false;
    for (const write of held.splice(0)) write();
    assert.equal(pool.totalCount, 0, "the pool kept the client whose transaction was left open");
    const { rows } = await pool.query<{ fresh: boolean }>(
      "SELECT clock_timestamp() - now() < interval '200 milliseconds' AS fresh",
    );
    assert.equal(rows[0]?.fresh, true, "the next query ran inside the stale transaction");
  } finally {
    await pool.end();
  }
});
