import assert from "node:assert/strict";
import { test } from "node:test";
import { planShards } from "./planShards.ts";

// Shaped like this repo's suites: a few slow browser tests, run-grammar tests of a second or
// more, and many quick contract checks (ms, from a recorded run).
const RECORDED: Record<string, number> = {};
const add = (project: string, file: string, ms: readonly number[]) =>
  ms.forEach((value, i) => {
    RECORDED[`[${project}] › ${file} › test ${i}`] = value;
  });
add("browser", "packages/browser/suites/console.spec.ts", [8169, 8199, 1112]);
add("ws", "packages/ws/suites/runs.spec.ts", [2310, 2890, 1560, 1720, 1490, 2950, 3400]);
add("ws", "packages/ws/suites/session.spec.ts", [180, 210, 160, 190, 240, 450]);
add("ws", "packages/ws/suites/auth.spec.ts", [120, 130, 110, 640]);
add("contracts", "contracts/suites/errors.spec.ts", [81, 95, 102, 88, 77, 140, 1210, 90, 260]);
add("contracts", "contracts/suites/resources.spec.ts", [150, 420, 1890, 610, 95]);
add("contracts", "contracts/suites/health.spec.ts", [60, 70]);
const IDS = Object.keys(RECORDED);

const spread = (shards: { ms: number }[]) =>
  Math.max(...shards.map((s) => s.ms)) / Math.min(...shards.map((s) => s.ms));

test("balances a realistic set within 1.25× for 2 to 4 shards, and beats order-based splitting", () => {
  for (const n of [2, 3, 4]) {
    const shards = planShards(IDS, RECORDED, n);
    assert.equal(shards.length, n);
    assert.ok(spread(shards) <= 1.25, `${n} shards: ${shards.map((s) => s.ms).join(", ")}`);
    assert.deepEqual(shards.flatMap((s) => s.tests).sort(), [...IDS].sort());
    for (const shard of shards)
      assert.equal(
        shard.ms,
        shard.tests.reduce((sum, id) => sum + (RECORDED[id] ?? 0), 0),
      );
  }
  // Playwright's --shard cuts the ordered list into equal counts: the browser tests land together.
  const third = Math.ceil(IDS.length / 3);
  const byOrder = [0, 1, 2].map((i) => ({
    ms: IDS.slice(i * third, (i + 1) * third).reduce((sum, id) => sum + (RECORDED[id] ?? 0), 0),
  }));
  assert.ok(spread(byOrder) > 2, `order-based spread ${spread(byOrder)}`);
});

test("the same inputs give the same plan whatever their order (CI jobs that disagree would run a test twice or never)", () => {
  const plan = planShards(IDS, RECORDED, 3);
  assert.deepEqual(planShards([...IDS].reverse(), RECORDED, 3), plan);
  assert.deepEqual(planShards([...IDS, ...IDS.slice(0, 5)], RECORDED, 3), plan);
  const even = {
    "[p] › a.spec.ts › d": 10,
    "[p] › a.spec.ts › b": 10,
    "[p] › a.spec.ts › c": 10,
    "[p] › a.spec.ts › a": 10,
  };
  assert.deepEqual(planShards(Object.keys(even), even, 2), [
    { tests: ["[p] › a.spec.ts › a", "[p] › a.spec.ts › c"], ms: 20 },
    { tests: ["[p] › a.spec.ts › b", "[p] › a.spec.ts › d"], ms: 20 },
  ]);
});

test("a test with no recorded duration weighs the median of the known ones", () => {
  const known = {
    "[p] › x.spec.ts › slow": 900,
    "[p] › x.spec.ts › quick": 100,
    "[p] › x.spec.ts › mid": 300,
  };
  const shards = planShards([...Object.keys(known), "[p] › y.spec.ts › new"], known, 2);
  assert.deepEqual(shards, [
    { tests: ["[p] › x.spec.ts › slow"], ms: 900 },
    { tests: ["[p] › x.spec.ts › mid", "[p] › x.spec.ts › quick", "[p] › y.spec.ts › new"], ms: 700 },
  ]);
  // None of the listed tests known: the file's median; an empty file: equal weights (by count).
  assert.deepEqual(
    planShards(["[q] › a › 1", "[q] › a › 2", "[q] › a › 3"], known, 2).map((s) => s.ms),
    [600, 300],
  );
  assert.deepEqual(
    planShards(["[q] › a › 1", "[q] › a › 2", "[q] › a › 3", "[q] › a › 4"], {}, 2).map(
      (s) => s.tests.length,
    ),
    [2, 2],
  );
});

test("more shards than tests is an error naming how many would be empty", () => {
  assert.throws(() => planShards(["[p] › a › 1", "[p] › a › 2"], {}, 3), {
    name: "ShardsError",
    message:
      "[assay/shards] cannot split 2 tests into 3 shards: 1 shard would be empty; use at most 2 shards or widen the test selection",
  });
  assert.throws(() => planShards([], {}, 1), { message: /cannot split 0 tests into 1 shards/ });
  assert.throws(() => planShards(["[p] › a › 1"], {}, 0), {
    message: /shard count must be a whole number ≥ 1, got 0/,
  });
});
