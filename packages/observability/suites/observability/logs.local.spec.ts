import { chaosTest } from "@assay/chaos";
import { checkLogLines } from "@assay/contracts";
import { test as assayTest, expect } from "@assay/test";
import { mergeTests } from "@playwright/test";

const test = mergeTests(assayTest, chaosTest);

test("a private service's log through an outage and a restart matches the log contracts", async ({
  stack,
  stackUsers,
}) => {
  const alice = await stackUsers.create();
  // From here on: earlier tests on this worker's stack may have planted faulty lines on purpose.
  const start = (await stack.logs()).length;
  stack.db.cut();
  await expect.poll(async () => (await fetch(`${stack.baseURL}/health`)).status).toBe(503);
  await stack.db.reset();
  await expect
    .poll(async () => (await fetch(`${stack.baseURL}/health`)).status, { timeout: 10_000 })
    .toBe(200);
  await stack.restart();
  expect((await alice.api.get("/v1/me")).status()).toBe(200);
  const lines = (await stack.logs()).slice(start);
  const check = checkLogLines(lines, { secrets: [alice.token, stack.adminToken] });
  expect(check.problems).toEqual([]);
  expect(Object.keys(check.kinds)).toEqual(
    expect.arrayContaining([
      "logs/lifecycle.v1",
      "logs/dependency.v1",
      "logs/request.v1",
      "logs/database.v1",
    ]),
  );
  const events = lines.map((line) => line.event);
  expect(events).toEqual(
    expect.arrayContaining(["listening", "shutting_down", "stopped", "db_connection_lost", "db_reconnected"]),
  );
});
