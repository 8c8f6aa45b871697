import { expect, test } from "@assay/test";
import { checkOwnerRows, checkServiceRole, createLeakOracle } from "../src/index.ts";
import { openUserPair, runPairFlows } from "./userFlow.ts";

// Database-level checks: the `database` project, which playwright.config.ts adds only when the
// run has a database URL (DATABASE_URL locally, ASSAY_DATABASE_URL on staging). Without one the
// run stays on the public API, as staging runs must.

// Fails when a row written for one user's flow carries another owner_id (or none is found).
test("every row two users' flows created carries its own user's owner_id", async ({
  users,
  connectWs,
  target,
}) => {
  const oracle = createLeakOracle();
  const pair = await openUserPair({ users, connectWs });
  const { alice, bob } = pair;
  const [a, b] = await runPairFlows(pair, oracle, 2);
  for (const [user, flow] of [
    [alice, a],
    [bob, b],
  ] as const) {
    const report = await checkOwnerRows(String(target.databaseUrl), user.id, flow.ids);
    expect(report.problems).toEqual([]);
    expect(report.rows).toBeGreaterThan(flow.ids.length);
  }
  oracle.assertNoLeaks();
});

// Fails when the service connects as a role that row-level security does not bind.
test("the service's database role is neither superuser nor BYPASSRLS", async ({ target }) => {
  const { problems } = await checkServiceRole(String(target.databaseUrl));
  expect(problems).toEqual([]);
});
