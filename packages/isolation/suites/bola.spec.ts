import { expect, test } from "@assay/test";
import {
  annotate,
  assertBolaMatrix,
  assertTableCoversRoutes,
  BOLA_TABLE,
  createLeakOracle,
} from "../src/index.ts";
import { openUserPair, runPairFlows } from "./userFlow.ts";

test("user B with each of user A's ids, on every route and method, gets the same 404 as a random id", async ({
  users,
  connectWs,
}) => {
  const oracle = createLeakOracle();
  const pair = await openUserPair({ users, connectWs });
  const { alice, bob, bobWs } = pair;
  const [victim, own] = await runPairFlows(pair, oracle, 1);
  const report = await assertBolaMatrix({ attacker: { api: bob.api, ws: bobWs }, own, victim });
  annotate("assay:bola", `${report.tried} cells tried with user A's ids, 0 told apart from a random id`);
  // Alice still has everything: no row of the matrix changed or deleted her things.
  expect((await alice.api.get(`/v1/projects/${victim.project}`)).status()).toBe(200);
  expect((await alice.api.get(`/v1/conversations/${victim.conversation}`)).status()).toBe(200);
});

test("the BOLA table covers every user route of the service that takes an id", async ({ testSupport }) => {
  assertTableCoversRoutes(BOLA_TABLE, await testSupport.routes());
});

test("an error frame for another user's project or run matches the ws error contract", async ({
  users,
  connectWs,
}) => {
  const alice = await users.create();
  const ws = await connectWs({ token: alice.token });
  await expect(ws).toReceiveEvent({ type: "session_ready" });
  ws.send({ type: "replay", run_id: crypto.randomUUID(), id: "r1" });
  await expect(ws).toReceiveEvent({ type: "error", error: { code: "not_found" } });
});
