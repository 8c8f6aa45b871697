import assert from "node:assert/strict";
import { test } from "node:test";
import { compileToolSchema } from "./compileToolSchema.ts";
import { type CallOutcome, judgeInvalidCall, judgeValidCall } from "./judgeCall.ts";

const answer = (message: unknown, status = 200): CallOutcome => ({ kind: "answer", status, message, ms: 4 });
const result = (r: unknown) => answer({ jsonrpc: "2.0", id: 1, result: r });
const error = (code: number, message = "nope") => answer({ jsonrpc: "2.0", id: 1, error: { code, message } });
const output = compileToolSchema({
  type: "object",
  properties: { id: { type: "string" } },
  required: ["id"],
}).validate;

test("a valid call passes with matching structuredContent", () => {
  const judged = judgeValidCall(result({ content: [], structuredContent: { id: "p1" } }), output);
  assert.deepEqual(judged, { ok: true, outcome: "result", reason: "" });
  assert.equal(judgeValidCall(result({ content: [] }), undefined).ok, true);
});

test("a valid call fails on output that breaks the outputSchema, naming the path", () => {
  const judged = judgeValidCall(result({ content: [], structuredContent: { id: 5 } }), output);
  assert.equal(judged.ok, false);
  assert.match(judged.reason, /structuredContent does not match the outputSchema: \/id must be string/);
  assert.match(judgeValidCall(result({ content: [] }), output).reason, /no structuredContent/);
});

test("a valid call fails on isError, a JSON-RPC error, a 5xx, a transport error and a timeout", () => {
  const cases: Array<[CallOutcome, RegExp]> = [
    [
      result({ content: [{ type: "text", text: "project\n not found" }], isError: true }),
      /isError: project not found/,
    ],
    [error(-32603, "boom"), /JSON-RPC error -32603: boom/],
    [answer("Internal Server Error", 500), /HTTP 500: a server error/],
    [answer(undefined, 202), /HTTP 202 without a JSON-RPC response/],
    [{ kind: "transport", error: "socket hang up", ms: 2 }, /transport error: socket hang up/],
    [{ kind: "timeout", ms: 10000 }, /no answer within 10000 ms/],
  ];
  for (const [outcome, reason] of cases) {
    const judged = judgeValidCall(outcome, output);
    assert.equal(judged.ok, false);
    assert.match(judged.reason, reason);
  }
});

test("an invalid call passes on isError or -32602 only", () => {
  assert.deepEqual(judgeInvalidCall(result({ content: [], isError: true })), {
    ok: true,
    outcome: "isError",
    reason: "",
  });
  assert.equal(judgeInvalidCall(error(-32602)).ok, true);
  assert.match(judgeInvalidCall(result({ content: [] })).reason, /invalid arguments were accepted/);
  assert.match(
    judgeInvalidCall(error(-32603)).reason,
    /JSON-RPC error -32603 \(expected isError or -32602\)/,
  );
  assert.match(judgeInvalidCall(answer({ error: { code: -32602 } }, 500)).reason, /HTTP 500/);
  assert.match(judgeInvalidCall({ kind: "timeout", ms: 50 }).reason, /no answer within 50 ms/);
});
