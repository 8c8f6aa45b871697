import { annotate, expect, test } from "@assay/test";
import { createLeakOracle } from "../src/index.ts";
import { type FlowResult, runUserFlow } from "./userFlow.ts";

const RUNS_PER_USER = 3;

// Fails when any user receives another's canary, or any id (run, conversation, project,
// session, context, message) that is not its own, in a body or a frame; or when a user can read
// its neighbour's things.
test("N users run agent flows at once and none receives another's canary or ids", async ({
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
      const ws = await connectWs({ token: user.token });
      await expect(ws).toReceiveEvent({ type: "session_ready", user_id: user.id });
      return { label: `user ${i + 1}`, user, ws };
    }),
  );
  await expect((await clients[0]?.ws.sessionReady)?.data).toMatchContract("ws/session-ready.v1");

  const flows: FlowResult[] = await Promise.all(
    clients.map(({ label, user, ws }) => runUserFlow({ label, user, ws, oracle, runs: RUNS_PER_USER })),
  );
  // Each user then reaches for its neighbour's things: every answer is judged by the oracle too.
  await Promise.all(
    clients.map(async ({ label, user }, i) => {
      const api = oracle.watchApi(label, user.api);
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

  const report = oracle.check();
  annotate(
    "assay:isolation",
    `${n} users × ${RUNS_PER_USER} runs = ${n * RUNS_PER_USER} runs at once; ${report.bodies} bodies and ${report.frames} frames judged (${report.ids} ids); ${report.leaks.length} leaks`,
  );
  oracle.assertNoLeaks();
});
