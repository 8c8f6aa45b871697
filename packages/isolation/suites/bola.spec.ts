import { annotate, expect, test } from "@assay/test";
import { askWs } from "@assay/ws";
import { assertBolaMatrix, assertTableCoversRoutes, BOLA_TABLE, createLeakOracle } from "../src/index.ts";
import { openUserPair, runPairFlows, runUserFlow } from "./userFlow.ts";

// Fails when a route or message lets user B tell user A's ids apart from random ones (a 2xx, or
// a different status, code or message), when an answer carries A's ids to B, or when a row
// changed or deleted A's things.
test("user B with each of user A's ids, on every route and method, gets the same 404 as a random id", async ({
  users,
  connectWs,
}) => {
  const oracle = createLeakOracle();
  const pair = await openUserPair({ users, connectWs });
  const { alice, bob, bobWs } = pair;
  const [victim, own] = await runPairFlows(pair, oracle, 1);
  const attacker = { api: oracle.watchApi("bob", bob.api), ws: bobWs };
  const report = await assertBolaMatrix({ attacker, own, victim });
  annotate("assay:bola", `${report.tried} cells tried with user A's ids, 0 told apart from a random id`);
  // Alice still has everything: no row of the matrix changed or deleted her things.
  expect((await alice.api.get(`/v1/projects/${victim.project}`)).status()).toBe(200);
  expect((await alice.api.get(`/v1/conversations/${victim.conversation}`)).status()).toBe(200);
  oracle.assertNoLeaks();
});

// Fails when the service lists a user route taking an id that the BOLA table has no row for.
test("the BOLA table covers every user route of the service that takes an id", async ({ testSupport }) => {
  assertTableCoversRoutes(BOLA_TABLE, await testSupport.routes());
});

// Fails when replay or switch_project with another user's real run or project answers anything
// but the not_found error frame of the ws error contract, or lets a frame of that run through.
test("replay of another user's run and switch_project to their project get a not_found error frame", async ({
  users,
  connectWs,
}) => {
  const oracle = createLeakOracle();
  const { alice, aliceWs, bobWs } = await openUserPair({ users, connectWs });
  const victim = await runUserFlow({ label: "alice", user: alice, ws: aliceWs, oracle, runs: 1 });
  oracle.watchWs("bob", bobWs);
  await expect(bobWs).toReceiveEvent({ type: "session_ready" });
  for (const frame of [
    { type: "replay", run_id: victim.run, id: "r1" },
    { type: "switch_project", project_id: victim.project, id: "s1" },
  ]) {
    const answer = await askWs(bobWs, frame);
    await expect(answer, frame.type).toMatchContract("ws/error.v1");
    expect(answer, frame.type).toMatchObject({ type: "error", error: { code: "not_found" } });
  }
  expect(bobWs.runEvents(victim.run)).toEqual([]);
  oracle.assertNoLeaks();
});
