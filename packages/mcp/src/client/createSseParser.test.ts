import assert from "node:assert/strict";
import { test } from "node:test";
import { createSseParser } from "./createSseParser.ts";

test("joins data lines, keeps ids, ignores comments, dispatches on a blank line", () => {
  const parser = createSseParser();
  assert.deepEqual(parser.push(": keep-alive\n\nid: e1\ndata:\n\n"), [{ id: "e1", data: "" }]);
  assert.deepEqual(parser.push('event: message\ndata: {"a":\ndata: 1}\nretry: 500\n\n'), [
    { event: "message", retry: 500, data: '{"a":\n1}' },
  ]);
});

test("handles CRLF and CR line ends, also split across chunks", () => {
  const parser = createSseParser();
  assert.deepEqual(parser.push("data: one\r"), []);
  // The last CR may be half of a CRLF, so the event it ends waits for the next chunk or the end.
  assert.deepEqual(parser.push("\n\r\ndata: two\r\r"), [{ data: "one" }]);
  assert.deepEqual(parser.end(), [{ data: "two" }]);
});

test("an event the stream ends before its blank line is dropped, as the standard says", () => {
  const parser = createSseParser();
  assert.deepEqual(parser.push('data: {"partial":'), []);
  assert.deepEqual(parser.end(), []);
  const other = createSseParser();
  other.push("data: x\n");
  assert.deepEqual(other.push("\r"), []);
  assert.deepEqual(other.end(), [{ data: "x" }]);
});
