import assert from "node:assert/strict";
import { test as nodeTest } from "node:test";
import { expect, test } from "./test.ts";

nodeTest("expect carries the MCP matchers next to Assay's and Playwright's own", async () => {
  expect({ content: [{ type: "text", text: "ok" }] }).toBeToolResult({ isError: false });
  await expect("hello world").toFitTokenBudget(2);
  await expect({ type: "pong", ts: "2026-01-01T00:00:00.000Z" }).toMatchContract("ws/pong.v1");
  assert.throws(
    () => expect({ content: [], isError: true }).toBeToolResult({ isError: false }),
    /toBeToolResult/,
  );
});

nodeTest("test is a Playwright test with the mcp fixture declared", () => {
  assert.equal(typeof test.extend, "function");
  assert.equal(typeof test.step, "function");
});
