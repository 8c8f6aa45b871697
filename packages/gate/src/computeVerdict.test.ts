import assert from "node:assert/strict";
import { test } from "node:test";
import type { TestRecord } from "./collectTests.ts";
import { computeVerdict, type VerdictInput } from "./computeVerdict.ts";
import { type Budgets, DEFAULT_BUDGETS } from "./readBudgets.ts";
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
// Budgets without latency steps, for the cases that are not about latency.
const NO_LATENCY: Budgets = { ...DEFAULT_BUDGETS, latency_p95_ms: {} };
function judge(tests: TestRecord[], over: Partial<VerdictInput> = {}) {
  const budgets = over.budgets ?? NO_LATENCY;
  return computeVerdict({
    tests,
    budgets,
    baseline: [],
    latency: summarizeLatency(tests, budgets.latency_p95_ms),
    contracts: { schemas: ["h"], exercised: ["h"] },
    shards: { expected: null, found: [], source: "none" },
    now: new Date("2026-03-01T12:00:00Z"),
    ...over,
  });
}
const budget = (v: ReturnType<typeof judge>, name: string) => v.budgets.find((b) => b.name === name);
const samples = (step: string, n: number, ms = (i: number) => i + 1) =>
  Array.from({ length: n }, (_, i) => ({ step, ms: ms(i) }));

test("an expired entry fails the gate from the day after its date (today is injectable)", () => {
  const tests = [rec("a", "unexpected"), rec("b", "expected")];
  assert.deepEqual(judge(tests, { baseline: [entry("a", "2026-03-01")] }).expired_baseline, []);
  assert.equal(judge(tests, { baseline: [entry("a", "2026-03-01")] }).verdict, "pass");
  const later = judge(tests, { baseline: [entry("a", "2026-03-01")], now: new Date("2026-03-02T00:00:00Z") });
  assert.deepEqual(
    later.expired_baseline.map((e) => e.test),
    ["a"],
  );
  assert.equal(later.verdict, "fail");
});

test("a baselined failure stays out of the pass rate, flaky counts as passed, an unlisted failure always fails", () => {
  const tests = [
    rec("a", "expected"),
    rec("b", "flaky"),
    rec("c", "unexpected"),
    rec("d", "unexpected"),
    rec("e", "skipped"),
  ];
  const v = judge(tests, {
    baseline: [entry("c")],
    budgets: { ...NO_LATENCY, pass_rate_min: 0.5, flaky_max: 1 },
  });
  assert.deepEqual(v.totals, { tests: 5, passed: 1, failed: 1, flaky: 1, skipped: 1, baselined: 1 });
  assert.equal(budget(v, "pass_rate")?.value, 0.6667);
  assert.equal(budget(v, "pass_rate")?.ok, true);
  assert.deepEqual(v.failures, ["d"]);
  assert.equal(budget(v, "baseline")?.ok, false, "a failure outside the baseline always fails the gate");
});

test("a baseline entry whose test passed or is gone is stale; a skipped or flaky baselined test is not", () => {
  const tests = [rec("pass", "expected"), rec("skip", "skipped"), rec("flake", "flaky")];
  const v = judge(tests, {
    baseline: [entry("pass"), entry("gone"), entry("skip"), entry("flake")],
    budgets: { ...NO_LATENCY, flaky_max: 1 },
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

test("a step's p95 over its budget fails on the exact value; unbudgeted steps are reported, not judged", () => {
  const v = judge(
    [rec("a", "expected", { latency: [...samples("tool_call", 100), { step: "custom", ms: 5 }] })],
    {
      budgets: { ...NO_LATENCY, latency_p95_ms: { tool_call: 500 } },
    },
  );
  assert.deepEqual(budget(v, "latency_p95.tool_call"), {
    name: "latency_p95.tool_call",
    value: 95,
    limit: 500,
    ok: true,
    detail: "p95 95 ms over 100 samples (p50 50 ms, max 100 ms)",
  });
  assert.deepEqual(
    v.latency.map((l) => l.step),
    ["tool_call", "custom"],
  );
  const slow = judge([rec("a", "expected", { latency: samples("run", 20, () => 3000.04) })], {
    budgets: { ...NO_LATENCY, latency_p95_ms: { run: 3000 } },
  });
  assert.equal(
    budget(slow, "latency_p95.run")?.ok,
    false,
    "the check uses the exact value, not the rounded one",
  );
});

test("an all-skipped run is a no-go: a pass rate of nothing does not pass", () => {
  const v = judge([rec("a", "skipped"), rec("b", "skipped")]);
  assert.equal(v.verdict, "fail");
  assert.deepEqual(budget(v, "pass_rate"), {
    name: "pass_rate",
    value: null,
    limit: 1,
    ok: false,
    detail:
      'nothing to judge: no test passed or failed (2 tests: 2 skipped, 0 baselined); add "pass_rate" to allow_empty to accept that',
  });
});

test("a budgeted step with no samples is a no-go naming the step (a run that recorded no latency)", () => {
  const v = judge([rec("a", "expected")], {
    budgets: { ...NO_LATENCY, latency_p95_ms: { event_delivery: 500 } },
  });
  assert.equal(v.verdict, "fail");
  assert.deepEqual(budget(v, "latency_p95.event_delivery"), {
    name: "latency_p95.event_delivery",
    value: null,
    limit: 500,
    ok: false,
    detail:
      'no samples recorded (need 20): no test annotated assay:latency step "event_delivery"; add "latency_p95.event_delivery" to allow_empty to accept that',
  });
});

test("a step under the minimum sample count is a no-go: not enough samples (n of 20), however fast", () => {
  const budgets = { ...NO_LATENCY, latency_p95_ms: { run: 1000 } };
  const few = judge([rec("a", "expected", { latency: samples("run", 19) })], { budgets });
  assert.equal(few.verdict, "fail");
  assert.match(
    budget(few, "latency_p95.run")?.detail ?? "",
    /^not enough samples \(19 of 20\): p95 19 ms over 19 samples/,
  );
  assert.equal(judge([rec("a", "expected", { latency: samples("run", 20) })], { budgets }).verdict, "pass");
  const five = judge([rec("a", "expected", { latency: samples("run", 5) })], {
    budgets: { ...budgets, latency_min_samples: 5 },
  });
  assert.equal(five.verdict, "pass", "the minimum is configurable");
});

test("a run without a coverage file, or with an empty schema list, is a no-go saying what was missing", () => {
  const missing =
    "no contract coverage file of this run under reports (ignored reports/old.json: written by another run)";
  const none = judge([rec("a", "expected")], { contracts: null, contractsMissing: missing });
  assert.equal(none.verdict, "fail");
  assert.deepEqual(budget(none, "contract_coverage"), {
    name: "contract_coverage",
    value: null,
    limit: 1,
    ok: false,
    detail: `${missing}; add "contract_coverage" to allow_empty to accept that`,
  });
  const zero = judge([rec("a", "expected")], { contracts: { schemas: [], exercised: ["x"] } });
  assert.equal(budget(zero, "contract_coverage")?.ok, false);
  assert.match(
    budget(zero, "contract_coverage")?.detail ?? "",
    /^the coverage files list 0 schemas: nothing to measure/,
  );
});

test("allow_empty lets a named budget pass on nothing and says so; a real p95 over budget still fails", () => {
  const budgets: Budgets = {
    ...NO_LATENCY,
    latency_p95_ms: { run: 100, tool_call: 100 },
    allow_empty: ["pass_rate", "contract_coverage", "latency_p95.run", "latency_p95.tool_call"],
  };
  const v = judge([rec("a", "skipped", { latency: [{ step: "tool_call", ms: 150 }] })], {
    budgets,
    contracts: null,
  });
  assert.deepEqual(
    v.budgets.map((b) => [b.name, b.ok]),
    [
      ["pass_rate", true],
      ["flaky", true],
      ["latency_p95.run", true],
      ["latency_p95.tool_call", false],
      ["contract_coverage", true],
      ["leaks", true],
      ["baseline", true],
    ],
  );
  assert.match(
    budget(v, "latency_p95.run")?.detail ?? "",
    /passes only because allow_empty lists latency_p95\.run$/,
  );
});

test("coverage is the exercised share of the schema union; leaks are counted per annotation", () => {
  const tests = [rec("a", "expected", { leaks: ["x", "y"] })];
  const v = judge(tests, {
    contracts: { schemas: ["h", "w", "h"], exercised: ["h", "h", "other"] },
    budgets: { ...NO_LATENCY, leaks_max: 1 },
  });
  assert.equal(budget(v, "contract_coverage")?.value, 0.5);
  assert.deepEqual(v.missing_contracts, ["w"]);
  assert.equal(budget(v, "leaks")?.value, 2);
  assert.equal(budget(v, "leaks")?.ok, false);
});
