import assert from "node:assert/strict";
import { test } from "node:test";
import { expect as baseExpect } from "@playwright/test";
import type { McpExchange } from "../client/McpExchange.ts";
import { toBeToolResult } from "./toBeToolResult.ts";

const expect = baseExpect.extend({ toBeToolResult });

const success = {
  jsonrpc: "2.0",
  id: 1,
  result: { content: [{ type: "text", text: "ok" }], isError: false },
};
const toolError = {
  jsonrpc: "2.0",
  id: 2,
  result: { content: [{ type: "text", text: 'create_project: "name" must be string.' }], isError: true },
};
const rpcError = { jsonrpc: "2.0", id: 3, error: { code: -32602, message: "Unknown tool: nope" } };
const answer = (response: unknown, problems: string[] = []) => ({
  response,
  exchange: { problems } as unknown as McpExchange,
});

test("passes for results with the expected isError, from an answer, a response or a bare result", () => {
  expect(answer(success)).toBeToolResult({ isError: false });
  expect(toolError).toBeToolResult({ isError: true });
  expect(success.result).toBeToolResult();
  expect(answer(rpcError)).not.toBeToolResult();
});

test("fails on the other isError, showing the content", () => {
  assert.throws(
    () => expect(answer(toolError)).toBeToolResult({ isError: false }),
    (error: Error) => {
      assert.equal(
        error.message,
        [
          'expect(answer).toBeToolResult({"isError":false}) failed',
          "",
          "The tool result has isError: true, expected false.",
          '  content: create_project: "name" must be string.',
          `Received: ${JSON.stringify(toolError)}`,
        ].join("\n"),
      );
      return true;
    },
  );
});

test("fails on a JSON-RPC error, on a missing response, and on an exchange with problems", () => {
  assert.throws(
    () => expect(answer(rpcError)).toBeToolResult({ isError: true }),
    /expect\(answer\)\.toBeToolResult\(\{"isError":true\}\) failed\n\nThe answer is a JSON-RPC error -32602: Unknown tool: nope\n/,
  );
  assert.throws(
    () =>
      expect(
        answer(undefined, ["POST tools/call: no JSON-RPC response to request id 4 (HTTP 500)"]),
      ).toBeToolResult(),
    (error: Error) => {
      assert.equal(
        error.message,
        [
          "expect(answer).toBeToolResult() failed",
          "",
          "No tool result came back (no JSON-RPC response to the call).",
          "The exchange has problems:",
          "  POST tools/call: no JSON-RPC response to request id 4 (HTTP 500)",
          "Received: undefined",
        ].join("\n"),
      );
      return true;
    },
  );
  // A result that broke the schema is never a pass, even with the expected isError.
  assert.throws(
    () =>
      expect(
        answer(success, [
          "received tools/call result: mcp/2026-07-28/CallToolResultResponse /result must have required property 'resultType'",
        ]),
      ).toBeToolResult({ isError: false }),
    /The exchange has problems:\n {2}received tools\/call result: mcp\/2026-07-28\/CallToolResultResponse/,
  );
  assert.throws(
    () => expect({ jsonrpc: "2.0", id: 1, result: { content: "ok" } }).toBeToolResult(),
    /The result has no content array, so it is no tool result\./,
  );
});

test(".not fails on a tool result, saying what it was", () => {
  assert.throws(
    () => expect(answer(toolError)).not.toBeToolResult(),
    /expect\(answer\)\.not\.toBeToolResult\(\) failed\n\nReceived a tool result with isError: true\./,
  );
});

test("a receiver that is no answer is a usage error, also under .not", () => {
  assert.throws(
    () => expect(Promise.resolve(success)).not.toBeToolResult(),
    new Error(
      "[assay/mcp] toBeToolResult: Received a Promise. Await it first: expect(await client.callTool(name, args)).",
    ),
  );
  assert.throws(() => expect("ok").toBeToolResult(), /\[assay\/mcp\] toBeToolResult: Received string\./);
  assert.throws(
    () => expect({ status: 200 }).toBeToolResult(),
    /\[assay\/mcp\] toBeToolResult: Received an object with keys status, which is no tool answer\./,
  );
});
