import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fakeResult } from "./fakeResult.ts";
import { mergeLoadParts } from "./mergeLoadParts.ts";

describe("mergeLoadParts", () => {
  it("adds counts and histograms of shards into one result", () => {
    const fast = fakeResult({ run: Array(95).fill(10) }, {}, "1/2");
    const slow = fakeResult({ run: Array(5).fill(900) }, {}, "2/2");
    const merged = mergeLoadParts([fast, slow]);
    assert.deepEqual(merged.shards, ["1/2", "2/2"]);
    assert.equal(merged.users.planned, 20);
    assert.equal(merged.runs.events, 1200);
    assert.equal(merged.steps.run?.count, 100);
    // p95 of all 100 samples is the 95th: a fast one; p99 is slow. An average of the shards' p95s would be 455.
    assert.ok(Math.abs((merged.steps.run?.p95 ?? 0) - 10) < 0.1);
    assert.ok(Math.abs((merged.steps.run?.p99 ?? 0) - 900) < 1);
  });

  it("refuses a shard given twice, different scenarios, and nothing", () => {
    const one = fakeResult({ run: [1] });
    assert.throws(() => mergeLoadParts([one, one]), /1\/1 slice 1\/1 is given twice/);
    assert.throws(
      () => mergeLoadParts([one, { ...fakeResult({}, {}, "2/2"), scenario: "soak" }]),
      /different scenarios: smoke, soak/,
    );
    assert.throws(() => mergeLoadParts([]), /nothing to merge/);
  });
});
