import assert from "node:assert/strict";
import { test } from "node:test";
import { parseDirectives } from "./parseDirectives.ts";

test("no directives: the text as is", () => {
  assert.deepEqual(parseDirectives("  hello   world "), { tools: [], upstream: null, text: "hello world" });
});

test("#tool:NAME is repeatable and keeps order", () => {
  assert.deepEqual(parseDirectives("#tool:echo count #tool:word_count #tool:echo"), {
    tools: ["echo", "word_count", "echo"],
    upstream: null,
    text: "count",
  });
});

test("#upstream: takes the first known mode; unknown ones stay text", () => {
  assert.equal(parseDirectives("#upstream:timeout #upstream:error").upstream, "timeout");
  assert.deepEqual(parseDirectives("#upstream:weird hi"), {
    tools: [],
    upstream: null,
    text: "#upstream:weird hi",
  });
});
