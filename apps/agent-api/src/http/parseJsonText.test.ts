import assert from "node:assert/strict";
import { test } from "node:test";
import { jsonDepth, MAX_JSON_DEPTH, parseJsonText } from "./parseJsonText.ts";

// Fails when brackets inside strings count toward the depth.
test("jsonDepth counts brackets outside strings only", () => {
  assert.equal(jsonDepth("1"), 0);
  assert.equal(jsonDepth('{"a":[1,{"b":2}]}'), 3);
  assert.equal(jsonDepth('["[[[[", "\\"[[["]'), 1);
  assert.equal(jsonDepth("[".repeat(100_000)), 100_000);
});

// Fails when deep nesting reaches JSON.parse (stack overflow) or broken JSON is not invalid_json.
test("parseJsonText parses, refuses broken JSON, and caps the depth", () => {
  assert.deepEqual(parseJsonText('{"a":1}'), { ok: true, value: { a: 1 } });
  const atLimit = `${"[".repeat(MAX_JSON_DEPTH)}${"]".repeat(MAX_JSON_DEPTH)}`;
  assert.equal(parseJsonText(atLimit).ok, true);
  const deep = parseJsonText(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
  assert.deepEqual(deep, {
    ok: false,
    code: "validation_failed",
    message: `The body is nested deeper than ${MAX_JSON_DEPTH} levels.`,
  });
  assert.deepEqual(parseJsonText('{"title": "unterminated', "The frame"), {
    ok: false,
    code: "invalid_json",
    message: "The frame is not valid JSON.",
  });
});
