import assert from "node:assert/strict";
import { test as nodeTest } from "node:test";
import { expect, test } from "./index.ts";

nodeTest("expect carries every Assay matcher next to Playwright's own", async () => {
  await expect({ type: "pong", ts: "2026-01-01T00:00:00.000Z" }).toMatchContract("ws/pong.v1");
  expect([1, 2]).toHaveLength(2);
});

nodeTest(
  "a value that breaks its contract fails through the merged expect, with the contract named",
  async () => {
    await assert.rejects(
      async () => expect({ type: "pong", ts: "yesterday" }).toMatchContract("ws/pong.v1"),
      (error: Error) =>
        error.message.includes("Contract: ws/pong.v1") && error.message.includes("/ts must match"),
    );
  },
);

nodeTest("the event matchers are merged in: a frame list without the run fails the grammar", async () => {
  await assert.rejects(
    async () => expect([] as unknown[]).toFollowRunGrammar("run-1", { timeout: 10 }),
    /toFollowRunGrammar/,
  );
});

nodeTest("test is a Playwright test with Assay's fixtures declared", () => {
  assert.equal(typeof test.extend, "function");
  assert.equal(typeof test.step, "function");
});
