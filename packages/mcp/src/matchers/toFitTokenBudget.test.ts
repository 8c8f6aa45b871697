import assert from "node:assert/strict";
import { test } from "node:test";
import { expect as baseExpect } from "@playwright/test";
import type { McpExchange } from "../client/McpExchange.ts";
import { countTokens, encoder } from "./countTokens.ts";
import { biggestParts, toFitTokenBudget } from "./toFitTokenBudget.ts";

const expect = baseExpect.extend({ toFitTokenBudget });

const tool = (name: string, words: number) => ({
  name,
  description: Array.from({ length: words }, (_, i) => `word${i}`).join(" "),
  inputSchema: { type: "object" },
});
const listing = { tools: [tool("health", 2), tool("send_message", 120), tool("create_project", 40)] };

test("counts tokens with o200k_base by default, cl100k_base on request", async () => {
  assert.equal(await countTokens("hello world"), 2);
  assert.equal(await countTokens("hello world", "cl100k_base"), 2);
  await assert.rejects(
    countTokens("x", "p50k_base" as "o200k_base"),
    /\[assay\/mcp\] Unknown token encoding "p50k_base"; use "o200k_base" or "cl100k_base"\./,
  );
});

test("passes within the budget: strings as is, values as compact JSON, answers by their result", async () => {
  await expect("hello world").toFitTokenBudget(2);
  await expect(listing).toFitTokenBudget(1000);
  const answer = {
    response: { jsonrpc: "2.0", id: 1, result: { status: "ok" } },
    exchange: {} as McpExchange,
  };
  const { countTokens: count } = await encoder();
  await expect(answer).toFitTokenBudget(count(JSON.stringify({ status: "ok" })));
  await expect("hello world").not.toFitTokenBudget(1);
});

test("fails over the budget with the count and the biggest parts, a tool list by tool name", async () => {
  const { countTokens: count } = await encoder();
  const total = count(JSON.stringify(listing));
  const part = (i: number) => count(JSON.stringify(listing.tools[i]));
  await assert.rejects(
    async () => expect(listing).toFitTokenBudget(50),
    (error: Error) => {
      const [header, blank, over, biggest, first, second, third, received] = error.message.split("\n");
      assert.equal(header, "expect(received).toFitTokenBudget(50) failed");
      assert.equal(blank, "");
      assert.equal(over, `${total} tokens (o200k_base), budget 50: over by ${total - 50}.`);
      assert.equal(biggest, "Biggest parts:");
      assert.equal(first, `  tools[1] send_message: ${part(1)} tokens`);
      assert.equal(second, `  tools[2] create_project: ${part(2)} tokens`);
      assert.equal(third, `  tools[0] health: ${part(0)} tokens`);
      assert.match(received ?? "", /^Received: \{"tools":\[/);
      return true;
    },
  );
  await assert.rejects(
    async () => expect("hello world").not.toFitTokenBudget(5),
    /expect\(received\)\.not\.toFitTokenBudget\(5\) failed\n\n2 tokens \(o200k_base\), budget 5: it fits\./,
  );
});

test("biggestParts stops descending where no one part dominates", () => {
  const count = (text: string) => text.length;
  assert.deepEqual(biggestParts({ a: "x".repeat(50), b: "y".repeat(40) }, count), [
    { path: "a", tokens: 52 },
    { path: "b", tokens: 42 },
  ]);
  assert.deepEqual(
    biggestParts(
      {
        result: {
          tools: [
            { name: "t1", d: "x".repeat(30) },
            { name: "t2", d: "y".repeat(60) },
          ],
        },
      },
      count,
    ),
    [
      { path: "result.tools[1] t2", tokens: 80 },
      { path: "result.tools[0] t1", tokens: 50 },
    ],
  );
  assert.deepEqual(biggestParts("just text", count), []);
});

test("usage errors: a bad budget, a Promise, undefined", async () => {
  await assert.rejects(
    async () => expect("x").toFitTokenBudget(-1),
    /\[assay\/mcp\] toFitTokenBudget: the budget must be a whole number of tokens ≥ 0, got -1\./,
  );
  await assert.rejects(
    async () => expect(Promise.resolve("x")).toFitTokenBudget(5),
    /\[assay\/mcp\] toFitTokenBudget: received a Promise; await it first\./,
  );
  await assert.rejects(async () => expect(undefined).not.toFitTokenBudget(5), /received undefined\./);
});
