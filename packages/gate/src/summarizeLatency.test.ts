import assert from "node:assert/strict";
import { test } from "node:test";
import { percentile, summarizeLatency } from "./summarizeLatency.ts";

test("nearest rank picks a real sample, never an interpolated one", () => {
  assert.equal(percentile([10, 20, 30, 40], 50), 20);
  assert.equal(percentile([10, 20, 30, 40], 95), 40);
  assert.equal(percentile([10, 20, 30, 40], 0), 10);
  assert.equal(percentile([7], 95), 7);
});

test("p95 of 1..100 is 95 and of 1..20 is 19 (an off-by-one rank would say 96 or 20)", () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(hundred, 95), 95);
  assert.equal(percentile(hundred.slice(0, 20), 95), 19);
});

test("an empty list has no percentile (not 0, which would pass any budget); p outside 0..100 throws", () => {
  assert.equal(percentile([], 95), undefined);
  assert.throws(() => percentile([1], 101), /within 0\.\.100/);
});

test("samples are grouped by step across tests and sorted numerically; a budgeted step with none is still listed", () => {
  const stats = summarizeLatency(
    [
      {
        id: "a",
        outcome: "expected",
        contracts: [],
        leaks: [],
        latency: [
          { step: "run", ms: 100 },
          { step: "run", ms: 9 },
        ],
      },
      {
        id: "b",
        outcome: "expected",
        contracts: [],
        leaks: [],
        latency: [
          { step: "run", ms: 20 },
          { step: "x", ms: 1 },
        ],
      },
    ],
    { first_event: 500, run: 1000 },
  );
  assert.deepEqual(
    stats.map((s) => [s.step, [...s.samples], s.p50, s.limit]),
    [
      ["first_event", [], null, 500],
      ["run", [9, 20, 100], 20, 1000],
      ["x", [1], 1, null],
    ],
  );
});
