import assert from "node:assert/strict";
import { test } from "node:test";
import { createLeakOracle } from "@assay/isolation";
import { checkHandleOwnership } from "./checkHandleOwnership.ts";
import { assertSessionSwitching, checkSessionSwitching } from "./checkSessionSwitching.ts";
import { fakeSession, fakeWorld } from "./fakeProjectServer.test-helper.ts";
import { findIdLeaks } from "./findIdLeaks.ts";
import { recordMcpExchanges } from "./recordMcpExchanges.ts";

test("two isolated sessions switching concurrently pass", async () => {
  const world = fakeWorld();
  const sessions = [fakeSession(world, { user: "u" }), fakeSession(world, { user: "u" })] as const;
  const problems = await checkSessionSwitching({
    sessions: [...sessions],
    projects: ["p1", "p2"],
    rounds: 3,
    tag: "t",
  });
  assert.deepEqual(problems, []);
  assert.doesNotThrow(() => assertSessionSwitching(problems));
});

test("a session acting in the default project fails, naming session, round and tool", async () => {
  const world = fakeWorld();
  const problems = await checkSessionSwitching({
    sessions: [
      fakeSession(world, { user: "u", faultDefault: true }),
      fakeSession(world, { user: "u", faultDefault: true }),
    ],
    projects: ["p1", "p2"],
    rounds: 2,
    tag: "t",
  });
  assert.ok(
    problems.includes(
      'session 1, round 1: lock_context locked "t-s1-r0" in project default-u, not in the session\'s project p1',
    ),
  );
  assert.ok(
    problems.some((p) =>
      /^session 2, round 1: list_contexts shows \d+ context\(s\) of project default-u/.test(p),
    ),
  );
  assert.throws(
    () => assertSessionSwitching(problems),
    /\[assay\/mcp\] MCP sessions of one user crossed projects: \d+ breach\(es\):\n {2}session 1, round 1: lock_context/,
  );
});

test("another user's handle must give an error; data fails, naming the tool", async () => {
  const world = fakeWorld();
  world.handles.set("h-alice", "alice");
  const bob = fakeSession(world, { user: "bob", era: "stateless" });
  assert.deepEqual(await checkHandleOwnership({ intruder: bob, handle: "h-alice", seed: 1 }), {
    problems: [],
    tried: ["current_project"],
  });
  const leaky = fakeSession(world, { user: "bob", era: "stateless", leakHandles: true });
  const report = await checkHandleOwnership({ intruder: leaky, handle: "h-alice", seed: 1 });
  assert.match(
    report.problems[0] ?? "",
    /^current_project: user B used user A's project_handle and got data, not an error/,
  );
  const blind = { ...bob, listTools: async () => [{ name: "whoami", inputSchema: { type: "object" } }] };
  assert.deepEqual((await checkHandleOwnership({ intruder: blind, handle: "h", seed: 1 })).problems, [
    "no tool takes a project_handle: the check proved nothing",
  ]);
});

test("MCP results feed the canary oracle; ids sent back beyond the request are leaks", async () => {
  const world = fakeWorld();
  const oracle = createLeakOracle({ annotate: false });
  const canary = oracle.canary("alice");
  const aliceProject = "6f1c1f0e-8d3b-4a57-9d6e-0a1b2c3d4e5f";
  world.contexts.push({ project_id: "default-bob", topic: `${canary} ${aliceProject.toUpperCase()}` });
  const bob = fakeSession(world, { user: "bob" });
  await bob.callTool("list_contexts", {});
  await bob.callTool("recall_context", { topic: aliceProject });
  assert.equal(recordMcpExchanges(oracle, "bob", bob), 2);
  assert.throws(() => oracle.assertNoLeaks(), /bob received alice's canary in MCP tools\/call list_contexts/);
  const leaks = findIdLeaks(new Map([[aliceProject, "alice"]]), [{ user: "bob", client: bob }]);
  assert.deepEqual(
    leaks.map((l) => `${l.receiver} ${l.where} ${l.owner}`),
    ["bob MCP tools/call list_contexts alice"],
  );
});
