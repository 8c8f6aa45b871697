import { expect, test } from "@assay/test";
import pg from "pg";
import { checkOwnerRows, createLeakOracle } from "../src/index.ts";
import { runUserFlow } from "./userFlow.ts";

// Proof that the owner-row check fails on the bug it hunts. It writes a wrong row on purpose, so
// playwright.config.ts runs it only on a local target with a database URL, never on staging.

test("the owner check catches a row planted with another user's owner_id", async ({
  users,
  connectWs,
  target,
}) => {
  const oracle = createLeakOracle();
  const [alice, bob] = await Promise.all([users.create(), users.create()]);
  const flow = await runUserFlow({
    label: "alice",
    user: alice,
    ws: await connectWs({ token: alice.token }),
    oracle,
    runs: 1,
  });
  const client = new pg.Client({ connectionString: String(target.databaseUrl) });
  await client.connect();
  try {
    // Bob's owner_id on Alice's message: the very row a missing owner check would write. (Contexts
    // and sessions cannot be planted: their (project_id, owner_id) foreign key refuses it.)
    await client.query("UPDATE messages SET owner_id = $1 WHERE conversation_id = $2 AND role = 'user'", [
      bob.id,
      flow.conversation,
    ]);
  } finally {
    await client.end();
  }
  const { problems } = await checkOwnerRows(String(target.databaseUrl), alice.id, flow.ids);
  expect(problems).toContain(
    `messages.id: 1 row(s) with the user's ids carry owner_id ${bob.id}, not the user's`,
  );
});
