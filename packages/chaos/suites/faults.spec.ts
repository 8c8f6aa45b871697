import { test as assayTest, expect } from "@assay/test";
import { mergeTests } from "@playwright/test";
import {
  assertBreakerOpensUnderConcurrentFailures,
  assertOutage,
  chaosTest,
  measureOutage,
  runAll,
} from "../src/index.ts";

// Each test switches a deliberate fault on in the private stack and shows that the resilience
// check meant to catch it fails, naming the problem. Process-wide faults (no_reconnect,
// breaker_lost_updates) act on the whole stack: the `stack` fixture restarts it if it stays broken.
const test = mergeTests(assayTest, chaosTest);
test.describe.configure({ timeout: 90_000 });

test("no_reconnect: the outage check fails, saying the service did not come back", async ({
  stack,
  stackUsers,
  stackFaults,
}, testInfo) => {
  const alice = await stackUsers.create();
  await stackFaults.enable(alice.id, "no_reconnect");
  const report = await measureOutage({
    baseURL: stack.baseURL,
    token: alice.token,
    cut: () => stack.db.cut(),
    restore: () => stack.db.reset(),
    outageMs: 2000,
    label: `noreconnect-${testInfo.testId}`,
  });
  expect(() => assertOutage(report)).toThrow(
    /no write was acknowledged within 10 s of the database coming back: the service did not reconnect/,
  );
});

test("ack_before_commit: the outage check fails on acknowledged writes lost in the cut", async ({
  stack,
  stackUsers,
  stackFaults,
}, testInfo) => {
  const alice = await stackUsers.create();
  await stackFaults.enable(alice.id, "ack_before_commit");
  const report = await measureOutage({
    baseURL: stack.baseURL,
    token: alice.token,
    cut: () => stack.db.cut(),
    restore: () => stack.db.reset(),
    outageMs: 2000,
    writesPerSecond: 20,
    label: `ackearly-${testInfo.testId}`,
  });
  expect(() => assertOutage(report)).toThrow(
    /acknowledged write\(s\) lost: .* — a write must be committed before it is acknowledged/,
  );
});

test("breaker_lost_updates: the breaker check fails when concurrent failures are not all counted", async ({
  stack,
  stackUsers,
  stackFaults,
}) => {
  const alice = await stackUsers.create();
  const created = await alice.api.post("/v1/conversations", { data: { title: "breaker" } });
  const conversationId = ((await created.json()) as { id: string }).id;
  await stackFaults.enable(alice.id, "breaker_lost_updates");
  await expect(
    assertBreakerOpensUnderConcurrentFailures({
      api: alice.api,
      baseURL: stack.baseURL,
      conversationId,
      threshold: 3,
    }),
  ).rejects.toThrow(/the breaker is closed after 3 concurrent upstream failures \(threshold 3\)/);
  // A success closes the count again, so the stack is left as it was found.
  expect(await runAll(alice.api, conversationId, ["clean up"])).toEqual([null]);
});
