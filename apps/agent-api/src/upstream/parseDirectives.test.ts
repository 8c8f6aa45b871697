import assert from "node:assert/strict";
import { test } from "node:test";
import { parseDirectives } from "./parseDirectives.ts";

// Fails when plain text is altered beyond whitespace.
test("no directives: the text as is", () => {
  assert.deepEqual(parseDirectives("  hello   world "), { tools: [], upstream: null, text: "hello world" });
});

// Fails when repeated tools are merged or reordered.
test("#tool:NAME is repeatable and keeps order", () => {
  assert.deepEqual(parseDirectives("#tool:echo count #tool:word_count #tool:echo"), {
    tools: ["echo", "word_count", "echo"],
    upstream: null,
    text: "count",
  });
});

// Fails when an unknown #upstream mode is swallowed instead of kept as text.
test("#upstream: takes the first known mode; unknown ones stay text", () => {
  assert.equal(parseDirectives("#upstream:timeout #upstream:error").upstream, "timeout");
  assert.deepEqual(parseDirectives("#upstream:weird hi"), {
    tools: [],
    upstream: null,
    text: "#upstream:weird hi",
  });
});
