import assert from "node:assert/strict";
import { test } from "node:test";
import { percentile } from "./percentile.ts";

test("nearest rank picks a real sample", () => {
  assert.equal(percentile([10, 20, 30, 40], 50), 20);
  assert.equal(percentile([10, 20, 30, 40], 95), 40);
  assert.equal(percentile([10, 20, 30, 40], 0), 10);
  assert.equal(percentile([7], 95), 7);
});

test("p95 of 1..100 is 95 and of 1..20 is 19", () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(hundred, 95), 95);
  assert.equal(percentile(hundred.slice(0, 20), 95), 19);
});

test("empty list has no percentile and p outside 0..100 throws", () => {
  assert.equal(percentile([], 95), undefined);
  assert.throws(() => percentile([1], 101), /within 0\.\.100/);
});
