import assert from "node:assert/strict";
import { test } from "node:test";
import type { TestRecord } from "./collectTests.ts";
import { computeVerdict, type VerdictInput } from "./computeVerdict.ts";
import { DEFAULT_BUDGETS } from "./readBudgets.ts";
import { summarizeLatency } from "./summarizeLatency.ts";

const rec = (id: string, outcome: TestRecord["outcome"], extra: Partial<TestRecord> = {}): TestRecord => ({
  id,
  outcome,
  latency: [],
  contracts: [],
  leaks: [],
  ...extra,
});
const entry = (t: string, expires = "2026-03-01") => ({ test: t, owner: "core", reason: "#1", expires });
function judge(tests: TestRecord[], over: Partial<VerdictInput> = {}) {
  const budgets = over.budgets ?? DEFAULT_BUDGETS;
  return computeVerdict({
    tests,
    budgets,
    baseline: [],
    latency: summarizeLatency(tests, budgets.latency_p95_ms),
    contracts: { schemas: [], exercised: [] },
    shards: { expected: null, found: [], source: "none" },
    now: new Date("2026-03-01T12:00:00Z"),
    ...over,
  });
}
const budget = (v: ReturnType<typeof judge>, name: string) => v.budgets.find((b) => b.name === name);

test("an entry expires the day after its date (today is injectable)", () => {
  const tests = [rec("a", "unexpected")];
  assert.deepEqual(judge(tests, { baseline: [entry("a", "2026-03-01")] }).expired_baseline, []);
  assert.equal(judge(tests, { baseline: [entry("a", "2026-03-01")] }).verdict, "pass");
  const later = judge(tests, { baseline: [entry("a", "2026-03-01")], now: new Date("2026-03-02T00:00:00Z") });
  assert.deepEqual(
    later.expired_baseline.map((e) => e.test),
    ["a"],
  );
  assert.equal(later.verdict, "fail");
});

test("baselined failures leave the pass rate; flaky counts as passed for it", () => {
  const tests = [
    rec("a", "expected"),
    rec("b", "flaky"),
    rec("c", "unexpected"),
    rec("d", "unexpected"),
    rec("e", "skipped"),
  ];
  const v = judge(tests, {
    baseline: [entry("c")],
    budgets: { ...DEFAULT_BUDGETS, pass_rate_min: 0.5, flaky_max: 1 },
  });
  assert.deepEqual(v.totals, { tests: 5, passed: 1, failed: 1, flaky: 1, skipped: 1, baselined: 1 });
  assert.equal(budget(v, "pass_rate")?.value, 0.6667);
  assert.equal(budget(v, "pass_rate")?.ok, true);
  assert.deepEqual(v.failures, ["d"]);
  assert.equal(budget(v, "baseline")?.ok, false, "a failure outside the baseline always fails the gate");
});

test("stale means the test passed or is gone; a skipped or flaky baselined test is not stale", () => {
  const tests = [rec("pass", "expected"), rec("skip", "skipped"), rec("flake", "flaky")];
  const v = judge(tests, {
    baseline: [entry("pass"), entry("gone"), entry("skip"), entry("flake")],
    budgets: { ...DEFAULT_BUDGETS, flaky_max: 1 },
  });
  assert.deepEqual(
    v.stale_baseline.map((e) => [e.test, e.why]),
    [
      ["pass", "passed"],
      ["gone", "not in report"],
    ],
  );
  assert.equal(
    budget(v, "baseline")?.detail,
    "0 failures not in the baseline, 2 stale entries, 0 expired entries",
  );
});

test("latency p95 per budgeted step; a step without samples cannot fail", () => {
  const samples = Array.from({ length: 100 }, (_, i) => ({ step: "tool_call", ms: i + 1 }));
  const v = judge([rec("a", "expected", { latency: [...samples, { step: "custom", ms: 5 }] })]);
  assert.deepEqual(budget(v, "latency_p95.tool_call"), {
    name: "latency_p95.tool_call",
    value: 95,
    limit: 500,
    ok: true,
    detail: "p95 95 ms over 100 samples (p50 50 ms, max 100 ms)",
  });
  assert.equal(budget(v, "latency_p95.run")?.detail, "no samples recorded");
  assert.deepEqual(
    v.latency.map((l) => l.step),
    ["first_event", "tool_call", "run", "custom"],
  );
  const slow = judge([rec("a", "expected", { latency: [{ step: "run", ms: 3000.04 }] })], {
    budgets: { ...DEFAULT_BUDGETS, latency_p95_ms: { run: 3000 } },
  });
  assert.equal(
    budget(slow, "latency_p95.run")?.ok,
    false,
    "the check uses the exact value, not the rounded one",
  );
});

test("coverage is the exercised share of the schema union; leaks are counted per annotation", () => {
  const tests = [rec("a", "expected", { leaks: ["x", "y"] })];
  const v = judge(tests, {
    contracts: { schemas: ["h", "w", "h"], exercised: ["h", "h", "other"] },
    budgets: { ...DEFAULT_BUDGETS, leaks_max: 1 },
  });
  assert.equal(budget(v, "contract_coverage")?.value, 0.5);
  assert.deepEqual(v.missing_contracts, ["w"]);
  assert.equal(budget(v, "leaks")?.value, 2);
  assert.equal(budget(v, "leaks")?.ok, false);
  const none = judge(tests, {
    contracts: null,
    budgets: { ...DEFAULT_BUDGETS, contract_coverage_min: 0, leaks_max: 2 },
  });
  assert.equal(budget(none, "contract_coverage")?.value, null);
  assert.equal(none.verdict, "pass");
});
