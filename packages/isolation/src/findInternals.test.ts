import assert from "node:assert/strict";
import { test } from "node:test";
import { findInternals } from "./findInternals.ts";

test("clean error envelopes have no internals", () => {
  for (const message of [
    "No conversation with that id.",
    'Field "title" must be a string of 1-200 chars.',
    "The body is not valid JSON.",
    "Select a project first.",
    'Header "X-Assay-Session" is required: send the id of one of your sessions.',
  ]) {
    const body = JSON.stringify({ error: { code: "not_found", message, correlation_id: "c-1" } });
    assert.deepEqual(findInternals(body), [], message);
  }
});

test("a stack field, V8 stack frames and Error lines are stack traces", () => {
  assert.deepEqual(findInternals('{"error":{"stack":"Error: x"}}'), ["a stack trace"]);
  assert.ok(
    findInternals("TypeError: x\n    at handle (file:///srv/app/h.js:10:3)").includes("a stack trace"),
  );
  assert.ok(
    findInternals("at async Promise.all (index 0) at node:internal/process/task_queues:105:5").includes(
      "a stack trace",
    ),
  );
});

test("server paths are internal paths", () => {
  for (const text of [
    "/work/main/apps/agent-api/src/x.ts",
    "ENOENT '/home/u/x'",
    "C:\\\\srv\\\\x",
    "node_modules/pg/lib",
  ]) {
    assert.deepEqual(findInternals(text), ["an internal path"], text);
  }
});

test("SQL text and PostgreSQL error messages are SQL", () => {
  for (const text of [
    "SELECT id FROM conversations WHERE owner_id = $1",
    "insert into users (id) values ($1)",
    'duplicate key value violates unique constraint "users_email_key"',
    'invalid input syntax for type uuid: "x"',
    'invalid byte sequence for encoding "UTF8": 0x00',
  ]) {
    assert.deepEqual(findInternals(text), ["SQL"], text);
  }
});
