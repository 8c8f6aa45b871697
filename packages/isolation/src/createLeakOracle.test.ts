import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import type { WsClient } from "@assay/ws";
import { request } from "@playwright/test";
import { createLeakOracle } from "./createLeakOracle.ts";
import { findLeaks, routeOf } from "./findLeaks.ts";

// Answers every request with its own path and body: a "service" that echoes whatever it is told,
// so the test decides what each user receives.
let stored = "";
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => {
    body += chunk;
  });
  req.on("end", () => {
    if (req.method === "POST") stored = body;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ path: req.url, stored }));
  });
});
let baseURL = "";
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

const socketWith = (...data: unknown[]) =>
  ({ frames: data.map((d, seq) => ({ seq, at: seq, data: d, size: 1 })) }) as unknown as WsClient;

test("canaries are unique per user and call, unguessable, and carry the run id", () => {
  const oracle = createLeakOracle({ runId: "run-20260115T102030-abc" });
  const [a1, a2, b1] = [oracle.canary("alice"), oracle.canary("alice"), oracle.canary("bob")];
  assert.match(a1, /^canary-run20260115T102030abc-[0-9a-f]{6}-u1-1-[0-9a-f]{12}$/);
  assert.match(a2, /-u1-2-/);
  assert.match(b1, /-u2-1-/);
  assert.notEqual(createLeakOracle({ runId: "run-20260115T102030-abc" }).canary("alice"), a1);
});

test("a user's own canaries are fine; another's in a frame is a leak naming receiver, event and owner", () => {
  const oracle = createLeakOracle({ annotate: false });
  const alices = oracle.canary("alice");
  oracle.canary("bob");
  oracle.watchWs("alice", socketWith({ type: "tool_executing", input: { text: alices } }));
  oracle.watchWs(
    "bob",
    socketWith({ type: "session_ready" }, { type: "tool_executing", input: { text: alices } }),
  );
  assert.equal(oracle.observed(), 3);
  assert.deepEqual(
    oracle.leaks().map(({ receiver, where, owner }) => ({ receiver, where, owner })),
    [{ receiver: "bob", where: "WS tool_executing", owner: "alice" }],
  );
  assert.throws(() => oracle.assertNoLeaks(), {
    message:
      /^\[assay\/isolation\] Leak oracle: 1 leak\(s\) in 3 bodies and frames:\n {2}bob received alice's canary in WS tool_executing$/,
  });
});

test("HTTP bodies are recorded per route through the wrapped client", async () => {
  const oracle = createLeakOracle({ annotate: false });
  const alice = oracle.watchApi("alice", await request.newContext({ baseURL }));
  const bob = oracle.watchApi("bob", await request.newContext({ baseURL }));
  const canary = oracle.canary("alice");
  await alice.post("/v1/projects", { data: { name: canary } });
  oracle.assertNoLeaks();
  const response = await bob.get("/v1/projects/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
  assert.equal(response.status(), 200, "the wrapper returns the real response");
  assert.match(await response.text(), /canary-/, "and the body can still be read");
  assert.throws(() => oracle.assertNoLeaks(), /bob received alice's canary in GET \/v1\/projects\/:id/);
  assert.equal(oracle.observed(), 2);
  await alice.dispose();
  await bob.dispose();
});

test("strings shaped like canaries that the oracle never issued are not leaks", () => {
  const oracle = createLeakOracle({ annotate: false });
  const real = oracle.canary("alice");
  const forged = real.replace(/[0-9a-f]{12}$/, "000000000000");
  oracle.record("bob", "GET /v1/me", `{"name":"${forged}"}`);
  assert.deepEqual(oracle.leaks(), []);
});

test("findLeaks reports each receiver, place and canary once", () => {
  const owners = new Map([["canary-x-u1-1-aaaaaaaaaaaa", "alice"]]);
  const text = "canary-x-u1-1-aaaaaaaaaaaa and again canary-x-u1-1-aaaaaaaaaaaa";
  const leaks = findLeaks(
    [
      { receiver: "bob", where: "WS agent_completed", text },
      { receiver: "bob", where: "WS agent_completed", text },
      { receiver: "carol", where: "WS agent_completed", text },
    ],
    owners,
    /canary-x-u\d+-\d+-[0-9a-f]{12}/g,
  );
  assert.deepEqual(
    leaks.map((l) => l.receiver),
    ["bob", "carol"],
  );
});

test("routeOf turns ids into :id and drops the query", () => {
  assert.equal(
    routeOf("get", "http://h/v1/runs/9A8B7C6D-5E4F-4A3B-8C2D-1E0F9A8B7C6D/events?after=2"),
    "GET /v1/runs/:id/events",
  );
  assert.equal(routeOf("POST", "/v1/contexts"), "POST /v1/contexts");
});
