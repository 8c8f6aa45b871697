import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { WaitForError } from "./createFrameRecorder.ts";
import { createWsClient, now } from "./createWsClient.ts";
import { type ScriptedServer, startScriptedServer } from "./startScriptedServer.ts";

const token = "secret.jwt.token-never-printed";
const ts = "2025-06-01T12:00:00.000Z";
const sessionReady = { type: "session_ready", session_id: randomUUID(), user_id: randomUUID(), ts };

describe("createWsClient", () => {
  let server: ScriptedServer;
  before(async () => {
    server = await startScriptedServer();
  });
  after(() => server.close());

  it("connects with Authorization: Bearer and records every frame in order", async () => {
    const client = await createWsClient({ url: server.url, token });
    const [socket] = await server.connected(1);
    assert.equal(server.upgrades.at(-1)?.headers.authorization, `Bearer ${token}`);
    socket?.send(JSON.stringify(sessionReady));
    socket?.send("not json");
    socket?.send(JSON.stringify({ type: "pong", ts, id: "p" }));
    const pong = await client.waitFor({ type: "pong" });
    assert.deepEqual(
      client.frames.map((f) => [f.seq, f.data]),
      [
        [0, sessionReady],
        [1, "not json"],
        [2, { type: "pong", ts, id: "p" }],
      ],
    );
    assert.equal(pong.seq, 2);
    assert.equal(client.frames[1]?.size, 8);
    assert.ok(client.frames.every((f, i) => f.at >= 0 && f.at >= (client.frames[i - 1]?.at ?? 0)));
    assert.ok(client.connectedAt > 0 && client.connectedAt <= now());
    assert.deepEqual((await client.sessionReady).data, sessionReady);
    assert.equal(
      (await client.waitFor({ type: "session_ready" })).seq,
      0,
      "already-received frames match too",
    );
    client.send({ type: "ping", id: "x" });
    client.sendRaw("{oops");
    await client.close();
    assert.deepEqual(server.received.slice(-2), ['{"type":"ping","id":"x"}', "{oops"]);
    assert.deepEqual(await client.closed, { code: 1000, reason: "" });
    assert.throws(
      () => client.send({ type: "ping" }),
      /^Error: \[assay\/ws\] Cannot send: the socket is not open/,
    );
  });

  it("sends the token as the assay.v1 subprotocol when auth is subprotocol", async () => {
    const client = await createWsClient({ url: server.url, token, auth: "subprotocol" });
    assert.deepEqual(server.upgrades.at(-1)?.protocols, ["assay.v1", `bearer.${token}`]);
    assert.equal(server.upgrades.at(-1)?.headers.authorization, undefined);
    assert.equal(client.socket.protocol, "assay.v1");
    await client.close();
  });

  // Catches a wait that resolves on an older frame than the one the test is waiting for.
  it("indexes frames by run_id and waits only for new frames", async () => {
    const client = await createWsClient({ url: server.url, token });
    const runId = randomUUID();
    const waiting = client.waitFor((data) => (data as { seq?: number }).seq === 2, { timeout: 1000 });
    server.send({ run_id: runId, seq: 1 }, { run_id: "other", seq: 9 }, { run_id: runId, seq: 2 });
    assert.deepEqual((await waiting).data, { run_id: runId, seq: 2 });
    assert.deepEqual(
      client.runEvents(runId).map((f) => f.seq),
      [0, 2],
    );
    assert.deepEqual(client.runEvents("none"), []);
    const throwing = client.waitFor((data) => (data as { seq: number }).seq.toFixed() === "x", {
      timeout: 1000,
    });
    server.send("plain text");
    await assert.rejects(throwing, TypeError);
    assert.equal(client.frames.at(-1)?.data, "plain text", "the socket keeps recording");
    await client.close();
  });

  it("rejects a timed-out wait with the event log, and a wait on a closed socket at once", async () => {
    const client = await createWsClient({ url: server.url, token });
    server.send(sessionReady);
    await client.sessionReady;
    const error = await client.waitFor({ type: "agent_started" }, { timeout: 30 }).catch((e: unknown) => e);
    assert.ok(error instanceof WaitForError);
    assert.equal(error.reason, "timeout");
    assert.match(
      error.message,
      /^\[assay\/ws\] No frame matching \{"type":"agent_started"\} within 30ms \(1 frames received\):\n {2}#0 {2}\+\d+ms {2}session_ready$/,
    );
    const pending = client.waitFor({ type: "agent_started" }, { timeout: 5000 });
    await client.close(4000, "bye");
    await assert.rejects(pending, {
      reason: "closed",
      message: /^\[assay\/ws\] The socket closed \(code 4000\) before a frame matching/,
    });
    await assert.rejects(client.waitFor({ type: "x" }), { reason: "closed" });
    assert.deepEqual(await client.closed, { code: 4000, reason: "bye" });
  });
});

describe("createWsClient refusals", () => {
  it("names the status and error code of a refused upgrade, never the token", async () => {
    const body = JSON.stringify({
      error: { code: "unauthorized", message: "Missing or invalid token.", correlation_id: "c1" },
    });
    const refusing = await startScriptedServer({ refuse: { status: 401, body } });
    try {
      const error = await createWsClient({ url: refusing.url, token }).catch((e: unknown) => e);
      assert.ok(error instanceof Error);
      assert.match(
        error.message,
        /^\[assay\/ws\] Could not connect to ws:\/\/127\.0\.0\.1:\d+\/v1\/ws: the upgrade was refused with HTTP 401 \(unauthorized\)\./,
      );
      assert.doesNotMatch(error.message, /secret\.jwt/);
      const viaProtocol = await createWsClient({ url: refusing.url, token, auth: "subprotocol" }).catch(
        (e: Error) => e,
      );
      assert.match(String(viaProtocol), /HTTP 401 \(unauthorized\)/);
      assert.doesNotMatch(String(viaProtocol), /secret\.jwt/);
    } finally {
      await refusing.close();
    }
  });

  it("says when the body is not the JSON envelope, and when nothing listens", async () => {
    const refusing = await startScriptedServer({ refuse: { status: 404, body: "nope" } });
    await assert.rejects(createWsClient({ url: refusing.url, token }), /HTTP 404 \(body is not JSON\)/);
    const { url } = refusing;
    await refusing.close();
    await assert.rejects(
      createWsClient({ url, token }),
      /^Error: \[assay\/ws\] Could not connect to .*ECONNREFUSED.*Is the server running at that URL\?$/,
    );
  });

  it("sends no credentials for an empty token", async () => {
    const server = await startScriptedServer();
    try {
      await (await createWsClient({ url: server.url, token: "" })).close();
      await (await createWsClient({ url: server.url, token: "", auth: "subprotocol" })).close();
      assert.deepEqual(
        server.upgrades.map((u) => [u.headers.authorization, u.protocols]),
        [
          [undefined, []],
          [undefined, []],
        ],
      );
    } finally {
      await server.close();
    }
  });
});
