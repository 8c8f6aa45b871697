import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import type { WsClient } from "@assay/ws";
import { type APIRequestContext, request } from "@playwright/test";
import { createLeakOracle } from "./createLeakOracle.ts";
import { findCanaryLeaks, findForeignIds, idsIn, routeOf } from "./findLeaks.ts";

// Answers every request with its own path and the last POSTed body: a "service" that echoes
// whatever it is told, so the test decides what each user receives.
let stored = "{}";
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => {
    body += chunk;
  });
  req.on("end", () => {
    if (req.method === "POST") stored = body;
    res.setHeader("content-type", "application/json");
    res.statusCode = req.method === "POST" ? 201 : 200;
    res.end(JSON.stringify({ path: req.url, stored: JSON.parse(stored || "{}") }));
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
const ts = "2026-01-15T10:20:30.000Z";
const ready = (user: string) => ({
  type: "session_ready",
  session_id: randomUUID(),
  user_id: user,
  project_id: randomUUID(),
  ts,
});
const event = (type: string, runId: string, extra: Record<string, unknown> = {}) => ({
  type,
  run_id: runId,
  conversation_id: randomUUID(),
  seq: 1,
  ts,
  ...extra,
});
const lines = (oracle: ReturnType<typeof createLeakOracle>) => {
  try {
    oracle.assertNoLeaks();
    return [];
  } catch (error) {
    return (error as Error).message.split("\n").slice(1);
  }
};

test("canaries are unique per user and call, unguessable, and carry the run id", () => {
  const oracle = createLeakOracle({ runId: "run-20260115T102030-abc" });
  const [a1, a2, b1] = [oracle.canary("alice"), oracle.canary("alice"), oracle.canary("bob")];
  assert.match(a1, /^canary-run20260115T102030abc-[0-9a-f]{6}-u1-1-[0-9a-f]{12}$/);
  assert.match(a2, /-u1-2-/);
  assert.match(b1, /-u2-1-/);
  assert.notEqual(createLeakOracle({ runId: "run-20260115T102030-abc" }).canary("alice"), a1);
});

// Catches an oracle that only looks for canaries: these frames of alice's run carry none.
test("another user's agent_thinking and tool_completed frames, with no canary, are leaks naming their owner", () => {
  const oracle = createLeakOracle({ annotate: false });
  const alicesRun = randomUUID();
  oracle.own("alice", alicesRun);
  const thinking = event("agent_thinking", alicesRun, { step: 1 });
  const completed = event("tool_completed", alicesRun, { tool_call_id: "call_1", tool_name: "echo" });
  oracle.watchWs("alice", socketWith(ready(randomUUID()), thinking, completed));
  oracle.watchWs("bob", socketWith(ready(randomUUID()), thinking, completed));
  const report = oracle.check();
  assert.deepEqual([report.bodies, report.frames], [0, 6]);
  assert.deepEqual(
    report.leaks
      .filter((l) => l.path === "run_id")
      .map(({ receiver, where, owner }) => [receiver, where, owner]),
    [
      ["bob", "WS agent_thinking", "alice"],
      ["bob", "WS tool_completed", "alice"],
    ],
  );
  assert.ok(lines(oracle).includes(`  bob received alice's id ${alicesRun} in WS agent_thinking (run_id)`));
});

test("a frame of a run no user was given is a leak too, with no owner", () => {
  const oracle = createLeakOracle({ annotate: false });
  const stray = randomUUID();
  oracle.watchWs(
    "bob",
    socketWith(ready(randomUUID()), event("agent_started", stray, { message_id: randomUUID() })),
  );
  assert.ok(
    lines(oracle).includes(`  bob received an id no user was given, ${stray}, in WS agent_started (run_id)`),
  );
});

test("a user's own session, runs and the new ids inside its run events are its own: no leak", () => {
  const oracle = createLeakOracle({ annotate: false });
  const run = randomUUID();
  oracle.own("alice", run);
  const done = event("agent_completed", run, { message_id: randomUUID(), content: "done" });
  oracle.watchWs(
    "alice",
    socketWith(ready(randomUUID()), event("agent_started", run, { message_id: randomUUID() }), done),
  );
  oracle.record("alice", "GET /v1/runs/:id/events", JSON.stringify({ items: [done] }));
  const report = oracle.assertNoLeaks();
  assert.equal(report.leaks.length, 0);
  assert.equal(report.ids, 12, "every id of every frame and body was judged");
});

// Catches an oracle that judges canaries only: the body carries alice's project id, no canary.
test("a foreign id in a body is a leak naming owner, route and field; a POST's own answer is the user's", async () => {
  const oracle = createLeakOracle({ annotate: false });
  const alice = oracle.watchApi("alice", await request.newContext({ baseURL }));
  const bob = oracle.watchApi("bob", await request.newContext({ baseURL }));
  const project = randomUUID();
  const created = await alice.post("/v1/projects", { data: { id: project, name: "no canary here" } });
  assert.equal(created.status(), 201);
  assert.deepEqual(lines(oracle), [], "alice's POST answer makes the project hers");
  const read = await bob.get(`/v1/projects/${randomUUID()}`);
  assert.equal(read.status(), 200, "the wrapper returns the real response");
  assert.match(await read.text(), new RegExp(project), "and the body can still be read");
  assert.ok(
    lines(oracle).includes(`  bob received alice's id ${project} in GET /v1/projects/:id (stored.id)`),
  );
  await alice.dispose();
  await bob.dispose();
});

test("HTTP bodies are recorded per route through the wrapped client, once however often it is wrapped", async () => {
  const oracle = createLeakOracle({ annotate: false });
  const context = await request.newContext({ baseURL });
  const alice = oracle.watchApi("alice", oracle.watchApi("alice", context));
  const bob = oracle.watchApi("bob", await request.newContext({ baseURL }));
  const canary = oracle.canary("alice");
  await alice.post("/v1/things", { data: { name: canary } });
  oracle.assertNoLeaks();
  await bob.fetch("/v1/things", { method: "GET" });
  assert.throws(() => oracle.assertNoLeaks(), /bob received alice's canary in GET \/v1\/things/);
  assert.equal(oracle.check().bodies, 2);
  await context.dispose();
  await bob.dispose();
});

// Catches `.text().catch(() => "")`: a body the oracle could not read passed as "no leak".
test("a body that cannot be read is a problem the oracle reports, never a pass", async () => {
  const oracle = createLeakOracle({ annotate: false });
  oracle.watchWs("bob", socketWith(ready(randomUUID())));
  const unreadable = {
    url: () => `${baseURL}/v1/projects`,
    status: () => 200,
    text: () => Promise.reject(new Error("Response has been disposed")),
  };
  const api = oracle.watchApi("bob", { get: async () => unreadable } as unknown as APIRequestContext);
  await api.get("/v1/projects");
  assert.deepEqual(oracle.check().problems, [
    "bob: GET /v1/projects: the body could not be read (Response has been disposed), so it was not judged",
  ]);
  assert.throws(() => oracle.assertNoLeaks(), /0 leak\(s\), 1 problem\(s\)[\s\S]*could not be read/);
});

// Catches an oracle that passes when nothing was watched: a check that saw nothing is a failure.
test("an oracle that saw no body and no frame fails, saying so", () => {
  const oracle = createLeakOracle({ annotate: false });
  oracle.canary("alice");
  assert.throws(() => oracle.assertNoLeaks(), /saw no body and no frame, so it judged nothing/);
});

test("strings shaped like canaries that the oracle never issued are not leaks", () => {
  const oracle = createLeakOracle({ annotate: false });
  const real = oracle.canary("alice");
  const forged = real.replace(/[0-9a-f]{12}$/, "000000000000");
  oracle.record("bob", "GET /v1/me", `{"name":"${forged}"}`);
  assert.deepEqual(oracle.check().leaks, []);
});

test("findCanaryLeaks reports each receiver, place and canary once", () => {
  const owners = new Map([["canary-x-u1-1-aaaaaaaaaaaa", "alice"]]);
  const value = "canary-x-u1-1-aaaaaaaaaaaa and again canary-x-u1-1-aaaaaaaaaaaa";
  const leaks = findCanaryLeaks(
    [
      { receiver: "bob", where: "WS agent_completed", value },
      { receiver: "bob", where: "WS agent_completed", value },
      { receiver: "carol", where: "WS agent_completed", value },
    ],
    owners,
    /canary-x-u\d+-\d+-[0-9a-f]{12}/g,
  );
  assert.deepEqual(
    leaks.map((l) => l.receiver),
    ["bob", "carol"],
  );
});

test("idsIn finds ids anywhere but in correlation ids; findForeignIds counts every id it judged", () => {
  const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
  const body = { items: [{ id: a.toUpperCase() }], note: `see ${b}`, error: { correlation_id: c } };
  assert.deepEqual(idsIn(body), [
    { id: a, path: "items[0].id" },
    { id: b, path: "note" },
  ]);
  const { leaks, judged } = findForeignIds(
    [{ receiver: "bob", where: "GET /v1/x", value: body }],
    new Map([
      [a, "bob"],
      [b, "alice"],
    ]),
  );
  assert.equal(judged, 2);
  assert.deepEqual(
    leaks.map((l) => [l.owner, l.path]),
    [["alice", "note"]],
  );
});

test("routeOf turns ids into :id and drops the query", () => {
  assert.equal(
    routeOf("get", "http://h/v1/runs/9A8B7C6D-5E4F-4A3B-8C2D-1E0F9A8B7C6D/events?after=2"),
    "GET /v1/runs/:id/events",
  );
  assert.equal(routeOf("POST", "/v1/contexts"), "POST /v1/contexts");
});
