import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeMatch, matchPartial } from "./matchFrame.ts";

describe("matchPartial", () => {
  it("matches every key of the partial, nested objects partially", () => {
    const frame = { type: "agent_error", seq: 3, error: { code: "upstream_error", message: "x" } };
    assert.equal(matchPartial(frame, { type: "agent_error" }), true);
    assert.equal(matchPartial(frame, { error: { code: "upstream_error" } }), true);
    assert.equal(matchPartial(frame, {}), true);
  });

  it("fails on a different value, a missing key, a non-object, or a different array", () => {
    assert.equal(matchPartial({ type: "pong" }, { type: "ping" }), false);
    assert.equal(matchPartial({ type: "pong" }, { id: undefined }), false, "a key must be present");
    assert.equal(matchPartial("pong", { type: "pong" }), false);
    assert.equal(matchPartial({ a: [1, 2] }, { a: [1] }), false);
    assert.equal(matchPartial({ a: [{ x: 1, y: 2 }] }, { a: [{ x: 1 }] }), true);
    assert.equal(matchPartial({ seq: 1 }, { seq: "1" }), false);
  });

  it("tests strings against a RegExp and shows it in descriptions", () => {
    assert.equal(matchPartial({ id: "call_12" }, { id: /^call_\d+$/ }), true);
    assert.equal(matchPartial({ id: 12 }, { id: /12/ }), false);
    assert.equal(describeMatch({ id: /^call_/ }), '{"id":"/^call_/"}');
  });
});
