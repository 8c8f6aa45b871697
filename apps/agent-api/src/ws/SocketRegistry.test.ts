import assert from "node:assert/strict";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { WebSocket, WebSocketServer } from "ws";
import { SocketRegistry } from "./SocketRegistry.ts";

// A client replaying a run that is still going: the run's live events and its stored ones meet
// on one socket. Fails when a live event overtakes the replay (seq 4 before seq 1) or an event
// that the replay already carried comes a second time.
test("a replay holds the run's live events: the socket gets the run in seq order, each event once", async () => {
  const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await once(server, "listening");
  const accepted = once(server, "connection");
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const received: Array<{ run_id: string; seq: number; type: string }> = [];
  client.on("message", (data) => received.push(JSON.parse(data.toString())));
  const [socket] = (await accepted) as [WebSocket];
  await once(client, "open");
  const registry = new SocketRegistry();
  registry.add("alice", socket);
  const event = (run_id: string, seq: number) => ({ type: "agent_thinking", run_id, seq });

  // The replay of run r1 after seq 0 starts: its stored events are being read…
  registry.holdRun(socket, "r1");
  // …while the run goes on live (seq 3 is already stored, so the replay carries it too), and
  // another run's events pass as usual.
  registry.send("alice", event("r1", 3));
  registry.send("alice", event("r2", 1));
  registry.send("alice", event("r1", 4));
  // The replay's answer goes out, then the hold ends.
  for (const stored of [event("r1", 1), event("r1", 2), event("r1", 3)]) socket.send(JSON.stringify(stored));
  registry.releaseRun(socket, "r1", 3);
  registry.send("alice", event("r1", 5));

  const deadline = Date.now() + 3000;
  while (received.length < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(
    received.filter((f) => f.run_id === "r1").map((f) => f.seq),
    [1, 2, 3, 4, 5],
  );
  assert.deepEqual(
    received.filter((f) => f.run_id === "r2").map((f) => f.seq),
    [1],
  );
  client.close();
  server.close();
});
