import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { buildRun } from "./buildRun.ts";
import { createWsClient } from "./createWsClient.ts";
import { type ScriptedServer, startScriptedServer } from "./startScriptedServer.ts";
import { toReceiveEvent } from "./toReceiveEvent.ts";

const pass = { isNot: false };
const not = { isNot: true };
const ts = "2025-06-01T12:00:00.000Z";
const sessionReady = {
  type: "session_ready",
  session_id: randomUUID(),
  user_id: randomUUID(),
  project_id: randomUUID(),
  ts,
};

describe("toReceiveEvent", () => {
  let server: ScriptedServer;
  before(async () => {
    server = await startScriptedServer();
  });
  after(() => server.close());
  const connect = async () => {
    const client = await createWsClient({ url: server.url, token: "t" });
    const sockets = await server.connected(server.upgrades.length);
    const socket = sockets.at(-1);
    const send = (...events: unknown[]) => {
      for (const event of events) socket?.send(typeof event === "string" ? event : JSON.stringify(event));
    };
    return { client, send };
  };

  it("passes for a matching, valid frame: already received or arriving later; nested objects match partially", async () => {
    const { client, send } = await connect();
    send(sessionReady);
    const ready = await toReceiveEvent.call(pass, client, {
      type: "session_ready",
      user_id: sessionReady.user_id,
    });
    assert.equal(ready.pass, true);
    const [started, , errored] = buildRun(["thinking", "error"]);
    setTimeout(() => send(started, errored), 20);
    const result = await toReceiveEvent.call(
      pass,
      client,
      { type: "agent_error", error: { code: "upstream_error" } },
      { timeout: 1000 },
    );
    assert.equal(result.pass, true);
    assert.equal(result.name, "toReceiveEvent");
    assert.deepEqual(result.actual, errored);
    await client.close();
  });

  it("fails on timeout with the message and the event log", async () => {
    const { client, send } = await connect();
    const [started, thinking] = buildRun(["thinking", "completed"]);
    send(sessionReady, started, thinking);
    await client.waitFor({ type: "agent_thinking" });
    const result = await toReceiveEvent.call(pass, client, { type: "agent_completed" }, { timeout: 50 });
    assert.equal(result.pass, false);
    assert.match(
      result.message(),
      new RegExp(
        [
          String.raw`^expect\(client\)\.toReceiveEvent\(\{"type":"agent_completed"\}\) failed`,
          "",
          String.raw`  no frame matching \{"type":"agent_completed"\} within 50ms`,
          "Timeout: 50ms",
          "Received: 3 frames",
          String.raw`  #0  \+\d+ms  session_ready`,
          String.raw`  #1  \+\d+ms  agent_started  seq=1`,
          String.raw`  #2  \+\d+ms  agent_thinking  seq=2 step=1$`,
        ].join("\n"),
      ),
    );
    await client.close();
  });

  it("fails when the matching frame breaks its contract (an extra field), listing the errors", async () => {
    const { client, send } = await connect();
    const [started] = buildRun(["completed"]);
    send({ ...started, debug: "stack trace here" });
    const result = await toReceiveEvent.call(pass, client, { type: "agent_started" }, { timeout: 500 });
    assert.equal(result.pass, false);
    const message = result.message();
    assert.match(
      message,
      /^expect\(client\)\.toReceiveEvent\(\{"type":"agent_started"\}\) failed\n\nContract: ws\/agent-started\.v1\n {2}.*additional propert.*debug/,
    );
    assert.match(
      message,
      /\n {2}matching frame: {2}#0 {2}\+\d+ms {2}agent_started {2}seq=1\n {2}frame: \{"type":"agent_started".*"debug":"stack trace here"\}\nTimeout: \d+ms\nReceived: 1 frame\n {2}#0 /,
    );
    await client.close();
  });

  it("handles .not: passes when nothing matches in time, fails naming the frame that matched", async () => {
    const { client, send } = await connect();
    send(sessionReady);
    await client.sessionReady;
    const absent = await toReceiveEvent.call(not, client, { type: "agent_started" }, { timeout: 30 });
    assert.equal(absent.pass, false, "Playwright inverts: pass=false under .not means the assertion holds");
    const present = await toReceiveEvent.call(not, client, { type: "session_ready" }, { timeout: 30 });
    assert.equal(present.pass, true);
    assert.match(
      present.message(),
      /^expect\(client\)\.not\.toReceiveEvent\(\{"type":"session_ready"\}\) failed\n\n {2}matching frame: {2}#0 {2}\+\d+ms {2}session_ready\nTimeout: \d+ms\nReceived: 1 frame\n/,
    );
    await client.close();
  });

  // Catches a matcher that waits its own fixed time instead of the configured expect timeout.
  it("waits Playwright's expect timeout (this.timeout) and prints it; an explicit timeout wins", async () => {
    const { client } = await connect();
    const configured = { isNot: false, timeout: 60 };
    const started = performance.now();
    const result = await toReceiveEvent.call(configured, client, { type: "agent_completed" });
    assert.ok(performance.now() - started < 4000, "waited the 5000 ms default, not the configured 60 ms");
    assert.match(result.message(), /within 60ms\nTimeout: 60ms\n/);
    const explicit = await toReceiveEvent.call(
      configured,
      client,
      { type: "agent_completed" },
      { timeout: 90 },
    );
    assert.match(explicit.message(), /within 90ms\nTimeout: 90ms\n/);
    await client.close();
  });

  it("says the socket closed when it did before a match", async () => {
    const { client } = await connect();
    setTimeout(() => void client.close(), 10);
    const result = await toReceiveEvent.call(pass, client, { type: "pong" }, { timeout: 2000 });
    assert.equal(result.pass, false);
    assert.match(
      result.message(),
      /\n\n {2}the socket closed before a frame matching \{"type":"pong"\} arrived\nTimeout: \d+ms\nReceived: 0 frames\n {2}\(no frames received\)$/,
    );
  });

  it("rejects a receiver that is not a client, saying what it got", async () => {
    await assert.rejects(toReceiveEvent.call(pass, { type: "pong" }, { type: "pong" }), {
      message:
        "[assay/ws] toReceiveEvent expects a WsClient (from connectWs or createWsClient) as the received value, got an object with keys type.",
    });
    await assert.rejects(toReceiveEvent.call(pass, "ws://x", { type: "pong" }), /got string "ws:\/\/x"\.$/);
  });
});
