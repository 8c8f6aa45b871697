import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { DEFAULT_BUDGETS, parseBudgets, readBudgets } from "./readBudgets.ts";

test("absent keys take the defaults; latency steps merge with the default steps and null drops one", () => {
  assert.deepEqual(parseBudgets({}, "g.json"), DEFAULT_BUDGETS);
  const budgets = parseBudgets(
    {
      flaky_max: 2,
      latency_p95_ms: { run: 5000, db_query: 50, tool_call: null },
      latency_min_samples: 50,
      expected_shards: 3,
      allow_empty: ["latency_p95.db_query"],
    },
    "g.json",
  );
  assert.equal(budgets.flaky_max, 2);
  assert.equal(budgets.expected_shards, 3);
  assert.equal(budgets.latency_min_samples, 50);
  assert.deepEqual(budgets.latency_p95_ms, { first_event: 1000, run: 5000, db_query: 50 });
  assert.deepEqual(budgets.allow_empty, ["latency_p95.db_query"]);
  assert.deepEqual(DEFAULT_BUDGETS.latency_p95_ms, { first_event: 1000, tool_call: 500, run: 3000 });
  assert.equal(DEFAULT_BUDGETS.latency_min_samples, 20);
});

test("a typo'd key, a wrong type or an allow_empty naming no budget is refused naming the path and the rule", () => {
  const cases: [unknown, RegExp][] = [
    [
      { flakes: 1 },
      /g\.json: flakes is not a known key \(additionalProperties; allowed: \$schema, pass_rate_min, flaky_max/,
    ],
    [{ pass_rate_min: 98 }, /pass_rate_min must be <= 1 \(maximum\), got 98/],
    [{ flaky_max: "2" }, /flaky_max must be integer \(type\), got "2"/],
    [{ leaks_max: -1 }, /leaks_max must be >= 0 \(minimum\), got -1/],
    [{ expected_shards: 0 }, /expected_shards must be >= 1 \(minimum\)/],
    [{ latency_p95_ms: [] }, /latency_p95_ms must be object \(type\), got \[\]/],
    [{ latency_p95_ms: { run: -1 } }, /latency_p95_ms\.run must be > 0 \(exclusiveMinimum\), got -1/],
    [{ latency_p95_ms: { "a b": 1 } }, /latency_p95_ms must match pattern .* \(pattern\)/],
    [{ latency_min_samples: 0 }, /latency_min_samples must be >= 1 \(minimum\)/],
    [{ allow_empty: true }, /allow_empty must be array \(type\), got true/],
    [{ allow_empty: ["leaks"] }, /allow_empty\[0\] must match pattern/],
    [
      { allow_empty: ["latency_p95.nope"] },
      /allow_empty\[0\] names no budget \("latency_p95\.nope"; allowed: pass_rate, contract_coverage, latency_p95\.first_event/,
    ],
    [[], /\(root\) must be object \(type\)/],
  ];
  for (const [value, message] of cases)
    assert.throws(
      () => parseBudgets(value, "g.json"),
      (error: Error) =>
        /^\[assay\/gate\] budgets file g\.json: /.test(error.message) &&
        message.test(error.message) &&
        !error.message.includes("\n"),
      JSON.stringify(value),
    );
});

test("this repo's gate.config.json is valid and budgets event delivery at p95 500 ms over at least 20 samples", () => {
  const path = join(import.meta.dirname, "../../../gate.config.json");
  const budgets = parseBudgets(JSON.parse(readFileSync(path, "utf8")), path);
  assert.equal(budgets.latency_p95_ms.event_delivery, 500);
  assert.ok(budgets.latency_min_samples >= 20);
});

test("a missing default file means defaults; a named missing file is an error; baseline resolves next to the budgets file", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "assay-gate-budgets-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.deepEqual(readBudgets(join(dir, "gate.config.json"), false), DEFAULT_BUDGETS);
  assert.throws(() => readBudgets(join(dir, "gate.config.json"), true), /not found; fix it/);
  writeFileSync(join(dir, "gate.config.json"), JSON.stringify({ baseline: "known.json" }));
  assert.equal(readBudgets(join(dir, "gate.config.json"), true).baseline, join(dir, "known.json"));
});
