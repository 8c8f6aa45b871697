import { expect, test } from "@assay/test";
import { annotate, createLeakOracle } from "../src/index.ts";
import { type FlowResult, runUserFlow } from "./userFlow.ts";

const RUNS_PER_USER = 3;

test("N users run agent flows at once and no one receives another's canary", async ({
  users,
  connectWs,
  target,
}) => {
  test.setTimeout(90_000);
  const n = target.users;
  const oracle = createLeakOracle({ runId: target.runId });
  const people = await Promise.all(
    Array.from({ length: n }, (_, i) => users.create({ displayName: `Isolation ${i + 1}` })),
  );
  const clients = await Promise.all(
    people.map(async (user, i) => {
      const label = `user ${i + 1}`;
      const ws = oracle.watchWs(label, await connectWs({ token: user.token }));
      await expect(ws).toReceiveEvent({ type: "session_ready", user_id: user.id });
      return { label, user, ws, api: oracle.watchApi(label, user.api) };
    }),
  );
  await expect((await clients[0]?.ws.sessionReady)?.data).toMatchContract("ws/session-ready.v1");

  const flows: FlowResult[] = await Promise.all(
    clients.map(({ label, api, ws }) => runUserFlow({ label, api, ws, oracle, runs: RUNS_PER_USER })),
  );
  // Each user then reaches for its neighbour's things: every answer is recorded by the oracle too.
  await Promise.all(
    clients.map(async ({ api }, i) => {
      const other = flows[(i + 1) % n] as FlowResult;
      for (const path of [
        `/v1/projects/${other.project}`,
        `/v1/sessions/${other.session}`,
        `/v1/contexts/${other.context}`,
        `/v1/conversations/${other.conversation}/messages`,
        `/v1/runs/${other.run}/events`,
      ]) {
        expect((await api.get(path)).status(), path).toBe(404);
      }
    }),
  );

  const figures = `${n} users × ${RUNS_PER_USER} runs = ${n * RUNS_PER_USER} runs at once; ${oracle.observed()} bodies and frames checked; ${oracle.leaks().length} leaks`;
  annotate("assay:isolation", figures);
  oracle.assertNoLeaks();
});
