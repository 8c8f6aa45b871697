import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { DEFAULT_BUDGETS, parseBudgets, readBudgets } from "./readBudgets.ts";

test("absent keys take the defaults; latency steps merge with the default steps", () => {
  assert.deepEqual(parseBudgets({}, "g.json"), DEFAULT_BUDGETS);
  const budgets = parseBudgets(
    { flaky_max: 2, latency_p95_ms: { run: 5000, db_query: 50, tool_call: null }, expected_shards: 3 },
    "g.json",
  );
  assert.equal(budgets.flaky_max, 2);
  assert.equal(budgets.expected_shards, 3);
  assert.deepEqual(budgets.latency_p95_ms, { first_event: 1000, run: 5000, db_query: 50 });
  assert.deepEqual(DEFAULT_BUDGETS.latency_p95_ms, { first_event: 1000, tool_call: 500, run: 3000 });
});

test("unknown keys and wrong types are errors that name the key", () => {
  assert.throws(
    () => parseBudgets({ flakes: 1 }, "g.json"),
    /^GateInputError: \[assay\/gate\] budgets file g\.json: "flakes" is not a known key/,
  );
  assert.throws(
    () => parseBudgets({ pass_rate_min: 98 }, "g.json"),
    /"pass_rate_min" must be a number from 0 to 1, got 98/,
  );
  assert.throws(() => parseBudgets({ leaks_max: -1 }, "g.json"), /"leaks_max" must be an integer >= 0/);
  assert.throws(
    () => parseBudgets({ expected_shards: 0 }, "g.json"),
    /"expected_shards" must be an integer >= 1/,
  );
  assert.throws(() => parseBudgets({ latency_p95_ms: [] }, "g.json"), /"latency_p95_ms" must be an object/);
  assert.throws(
    () => parseBudgets({ contracts: { dir: "x" } }, "g.json"),
    /"contracts\.dir" is not a known key/,
  );
  assert.throws(() => parseBudgets([], "g.json"), /"\(root\)" must be a JSON object/);
});

test("a missing default file means defaults; relative paths resolve next to the budgets file", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "assay-gate-budgets-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.deepEqual(readBudgets(join(dir, "gate.config.json"), false), DEFAULT_BUDGETS);
  assert.throws(
    () => readBudgets(join(dir, "gate.config.json"), true),
    /not found; fix it or pass --config <path>/,
  );
  writeFileSync(
    join(dir, "gate.config.json"),
    JSON.stringify({ baseline: "known.json", contracts: { schemas_dir: "../contracts" } }),
  );
  const budgets = readBudgets(join(dir, "gate.config.json"), true);
  assert.equal(budgets.baseline, join(dir, "known.json"));
  assert.equal(budgets.contracts?.schemas_dir, join(dir, "../contracts"));
});
