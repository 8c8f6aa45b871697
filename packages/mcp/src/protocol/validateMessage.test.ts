import assert from "node:assert/strict";
import { test } from "node:test";
import { messageKind, validateMessage } from "./validateMessage.ts";

test("messageKind reads requests, notifications, results and errors, and nothing else", () => {
  assert.equal(messageKind({ jsonrpc: "2.0", id: 1, method: "tools/list" }), "request");
  assert.equal(messageKind({ jsonrpc: "2.0", method: "notifications/initialized" }), "notification");
  assert.equal(messageKind({ jsonrpc: "2.0", id: 1, result: {} }), "result");
  assert.equal(messageKind({ jsonrpc: "2.0", error: { code: 1, message: "x" } }), "error");
  assert.equal(messageKind([{ jsonrpc: "2.0" }]), undefined);
  assert.equal(messageKind("text"), undefined);
});

test("a session-era result is checked as an envelope and as its method's result, paths shown from the message", () => {
  const message = { jsonrpc: "2.0", id: 1, result: { protocolVersion: "2025-11-25", capabilities: {} } };
  assert.deepEqual(
    validateMessage(message, { revision: "2025-11-25", direction: "received", method: "initialize" }),
    [
      "received initialize result: mcp/2025-11-25/InitializeResult /result must have required property 'serverInfo'",
    ],
  );
});

test("a message Assay sends is checked too: a 2026-07-28 request without _meta is a problem", () => {
  assert.deepEqual(
    validateMessage(
      { jsonrpc: "2.0", id: 1, method: "tools/list" },
      { revision: "2026-07-28", direction: "sent" },
    ),
    ["sent tools/list request: mcp/2026-07-28/ListToolsRequest / must have required property 'params'"],
  );
});

test("an error without an id is lawful in 2025-06-18 refusals, while its code is still checked", () => {
  const refusal = { jsonrpc: "2.0", error: { code: -32000, message: "Forbidden" } };
  assert.deepEqual(validateMessage(refusal, { revision: "2025-06-18", direction: "received" }), []);
  assert.deepEqual(
    validateMessage(
      { ...refusal, error: { code: "forbidden", message: "x" } },
      { revision: "2025-06-18", direction: "received" },
    ),
    ["received error: mcp/2025-06-18/JSONRPCError /error/code must be integer"],
  );
});

test("a value that is no JSON-RPC message is a problem", () => {
  assert.deepEqual(
    validateMessage({ ok: true }, { revision: "2025-11-25", direction: "received", method: "tools/list" }),
    ['received tools/list message: not a JSON-RPC request, notification or response: {"ok":true}'],
  );
});
