import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { buildCoverage, buildReport, type FixtureTest } from "./buildReport.ts";
import { spawnGate } from "./spawnGate.ts";

const SCHEMAS = ["http/health.v1", "ws/agent_started.v1"];
/** `n` samples of one step around `ms` (enough for the default minimum of 20). */
const many = (step: string, ms: number, n = 20): [string, number][] =>
  Array.from({ length: n }, (_, i): [string, number] => [step, ms + i]);
const clean: FixtureTest[] = [
  { title: "health answers", describe: ["health"], contracts: ["http/health.v1"], latency: many("run", 40) },
  {
    title: "streams a run",
    file: "suites/agent.spec.ts",
    contracts: ["ws/agent_started.v1"],
    latency: [...many("first_event", 120), ...many("tool_call", 80), ...many("run", 900)],
  },
  { title: "not on staging", outcome: "skipped" },
];
const coverage = (exercised = SCHEMAS, schemas = SCHEMAS) => buildCoverage(schemas, { exercised });
const entry = (t: string, expires = "2999-12-31") => ({
  test: t,
  owner: "core",
  reason: "tracked in #42",
  expires,
});
const gate = (tests: FixtureTest[], extra: Record<string, unknown> = {}, args: string[] = []) =>
  spawnGate({ "report.json": buildReport(tests), "reports/contract-coverage.json": coverage(), ...extra }, [
    "--report",
    "report.json",
    ...args,
  ]);
const failedBudgets = (verdict: Record<string, unknown> | null) =>
  ((verdict?.budgets as { name: string; ok: boolean }[] | undefined) ?? [])
    .filter((b) => !b.ok)
    .map((b) => b.name);

test("a clean run passes with exit 0 and the gate writes verdict, summary and chart (a gate that fails good runs is ignored)", () => {
  const run = gate(clean);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.verdict?.verdict, "pass");
  assert.deepEqual(run.verdict?.totals, {
    tests: 3,
    passed: 2,
    failed: 0,
    flaky: 0,
    skipped: 1,
    baselined: 0,
  });
  assert.deepEqual(
    ((run.verdict?.budgets as { name: string }[] | undefined) ?? []).map((b) => b.name),
    [
      "pass_rate",
      "flaky",
      "latency_p95.first_event",
      "latency_p95.tool_call",
      "latency_p95.run",
      "contract_coverage",
      "leaks",
      "baseline",
    ],
  );
  assert.match(run.summary, /^## ✅ Assay release gate: PASS/);
  assert.match(run.summary, /<img alt="Latency per step[^"]*" src="data:image\/svg\+xml;base64,/);
  assert.match(
    readFileSync(join(run.dir, "reports/gate/latency.svg"), "utf8"),
    /tool_call[\s\S]*budget 500 ms/,
  );
  assert.match(run.stdout, /^\[assay\/gate\] PASS: 0 of 8 budgets failed/);
  assert.match(run.stdout, /gate took \d+ ms/);
});

test("a failing test fails the gate and the summary names it", () => {
  const run = gate([
    ...clean,
    { title: "rejects bad token", file: "suites/auth.spec.ts", outcome: "unexpected" },
  ]);
  assert.equal(run.status, 1);
  assert.deepEqual(run.verdict?.failures, ["api › suites/auth.spec.ts › rejects bad token"]);
  assert.deepEqual(failedBudgets(run.verdict), ["pass_rate", "baseline"]);
  assert.match(run.summary, /^## ❌ Assay release gate: FAIL/);
  assert.match(
    run.summary,
    /\*\*Failed tests \(not in the baseline\)\*\*\n\n- `api › suites\/auth\.spec\.ts › rejects bad token`/,
  );
  assert.match(run.stdout, /✗ pass_rate: 0\.6667 < 1 \(min\)/);
});

test("a flaky test fails the gate and the summary names it", () => {
  const run = gate([...clean, { title: "reconnects", describe: ["ws", "resume"], outcome: "flaky" }]);
  assert.equal(run.status, 1);
  assert.deepEqual(failedBudgets(run.verdict), ["flaky"]);
  assert.match(
    run.summary,
    /\*\*Flaky tests \(passed only on retry\)\*\*\n\n- `api › suites\/example\.spec\.ts › ws › resume › reconnects`/,
  );
});

test("a blown latency budget fails the gate and the summary names the step", () => {
  const slow: FixtureTest = { title: "slow tools", latency: many("tool_call", 600) };
  const run = gate([...clean, slow]);
  assert.equal(run.status, 1);
  assert.deepEqual(failedBudgets(run.verdict), ["latency_p95.tool_call"]);
  assert.match(run.summary, /`tool_call`: p95 617 ms > 500 ms \(n=40/);
  assert.match(run.stdout, /✗ latency_p95\.tool_call: 617 ms > 500 ms \(max\)/);
});

test("an unexercised schema fails the gate and the summary names it", () => {
  const run = gate(clean, {
    "reports/contract-coverage.json": coverage(["http/health.v1"], [...SCHEMAS, "mcp/tools_list.v1"]),
  });
  assert.equal(run.status, 1);
  assert.deepEqual(failedBudgets(run.verdict), ["contract_coverage"]);
  assert.deepEqual(run.verdict?.missing_contracts, ["mcp/tools_list.v1"]);
  assert.match(run.summary, /\*\*Contracts not exercised\*\*\n\n- `mcp\/tools_list\.v1`/);
});

test("a stale baseline entry (its test now passes) fails the gate", () => {
  const run = gate(clean, {
    "gate.baseline.json": { entries: [entry("api › suites/example.spec.ts › health › health answers")] },
  });
  assert.equal(run.status, 1);
  assert.deepEqual(failedBudgets(run.verdict), ["baseline"]);
  assert.match(
    run.summary,
    /\*\*Stale baseline entries[^*]*\*\*\n\n- `api › suites\/example\.spec\.ts › health › health answers` — now passes/,
  );
});

test("an expired baseline entry fails the gate; the baselined failure stays out of the pass rate", () => {
  const known: FixtureTest = { title: "known bug", outcome: "unexpected" };
  const id = "api › suites/example.spec.ts › known bug";
  const run = gate([...clean, known], { "gate.baseline.json": { entries: [entry(id, "2020-01-01")] } });
  assert.equal(run.status, 1);
  assert.deepEqual(failedBudgets(run.verdict), ["baseline"]);
  assert.match(
    run.summary,
    /\*\*Expired baseline entries[^*]*\*\*\n\n- `api › suites\/example\.spec\.ts › known bug` — expired 2020-01-01/,
  );
  const fresh = gate([...clean, known], { "gate.baseline.json": { entries: [entry(id)] } });
  assert.equal(fresh.status, 0, fresh.stdout);
  assert.equal((fresh.verdict?.totals as { baselined: number } | undefined)?.baselined, 1);
});

test("a leak annotation fails the gate and the summary names the test and the leak", () => {
  const run = gate([...clean, { title: "tenant B reads A", leaks: ["run r_1 visible to tenant B"] }]);
  assert.equal(run.status, 1);
  assert.deepEqual(failedBudgets(run.verdict), ["leaks"]);
  assert.match(
    run.summary,
    /`api › suites\/example\.spec\.ts › tenant B reads A`: run r_1 visible to tenant B/,
  );
});

test("the summary is appended to $GITHUB_STEP_SUMMARY when it is set (else the CI page shows no verdict)", () => {
  const first = gate(clean);
  const summaryFile = join(first.dir, "step-summary.md");
  writeFileSync(summaryFile, "previous step\n");
  const run = spawnGate(
    { "report.json": buildReport(clean), "reports/contract-coverage.json": coverage() },
    ["--report", "report.json"],
    { GITHUB_STEP_SUMMARY: summaryFile },
  );
  assert.equal(run.status, 0, run.stderr);
  assert.match(readFileSync(summaryFile, "utf8"), /^previous step\n## ✅ Assay release gate: PASS/);
});

test("coverage files an earlier sharded run left are ignored: a 1-test run is judged on its own coverage", () => {
  // The reported bug: 6 of 29 contracts exercised by this run, 29 of 29 by the shards of an earlier one.
  const earlier = "2026-01-01T00:00:00.000Z";
  const now = "2026-01-02T00:00:00.000Z";
  const schemas = [...SCHEMAS, "mcp/tools_list.v1"];
  const files: Record<string, unknown> = {
    "report.json": buildReport(clean, { startTime: now }),
    "reports/contract-coverage.json": buildCoverage(schemas, { exercised: SCHEMAS, startTime: now }),
  };
  for (const i of [1, 2, 3])
    files[`reports/contract-coverage.shard-${i}-of-3.json`] = buildCoverage(schemas, {
      startTime: earlier,
      shard: `${i}/3`,
    });
  const run = spawnGate(files, ["--report", "report.json"]);
  assert.equal(run.status, 1, run.stderr);
  assert.deepEqual(failedBudgets(run.verdict), ["contract_coverage"]);
  assert.deepEqual(run.verdict?.missing_contracts, ["mcp/tools_list.v1"]);
  assert.match(run.stdout, /✗ contract_coverage: 0\.6667 < 1 \(min\) — 2 of 3 schemas exercised/);
  assert.match(
    run.stdout,
    /ignored reports\/contract-coverage\.shard-1-of-3\.json: written by another run \(started 2026-01-01T00:00:00\.000Z\)/,
  );
  assert.match(run.summary, /\*\*Coverage files of other runs \(ignored\)\*\*/);
});

test("a run that left no coverage file is a no-go naming what was found instead, not a pass on old files", () => {
  const run = spawnGate(
    {
      "report.json": buildReport(clean, { startTime: "2026-01-02T00:00:00.000Z" }),
      "reports/contract-coverage.json": coverage(),
    },
    ["--report", "report.json"],
  );
  assert.equal(run.status, 1, run.stderr);
  assert.deepEqual(failedBudgets(run.verdict), ["contract_coverage"]);
  assert.match(
    run.stdout,
    /✗ contract_coverage: nothing measured — no contract coverage file of this run under reports \(ignored reports\/contract-coverage\.json: written by another run \(started 2026-01-01T00:00:00\.000Z\)\); is @assay\/contracts\/reporter in the run's reporters\?; add "contract_coverage" to allow_empty/,
  );
});

test("an all-skipped run is a no-go naming the pass rate (it used to pass on nothing)", () => {
  const run = gate([
    { title: "a", outcome: "skipped" },
    { title: "b", outcome: "skipped", latency: clean[1]?.latency },
  ]);
  assert.equal(run.status, 1, run.stderr);
  assert.match(
    run.stdout,
    /✗ pass_rate: nothing measured — nothing to judge: no test passed or failed \(2 tests: 2 skipped, 0 baselined\)/,
  );
});

test("a run that recorded no latency is a no-go naming every budgeted step", () => {
  const run = gate(clean.map(({ latency: _latency, ...t }) => t));
  assert.equal(run.status, 1, run.stderr);
  assert.deepEqual(failedBudgets(run.verdict), [
    "latency_p95.first_event",
    "latency_p95.tool_call",
    "latency_p95.run",
  ]);
  assert.match(run.stdout, /✗ latency_p95\.run: nothing measured — no samples recorded \(need 20\)/);
  assert.match(run.summary, /\*\*Budgets with nothing \(or too little\) to measure\*\*/);
});

test("a step under the minimum sample count is a no-go even when every sample is fast", () => {
  const run = gate([...clean.slice(0, 2), { title: "delivery", latency: many("event_delivery", 5, 3) }], {
    "gate.config.json": { latency_p95_ms: { event_delivery: 500 } },
  });
  assert.equal(run.status, 1, run.stderr);
  assert.deepEqual(failedBudgets(run.verdict), ["latency_p95.event_delivery"]);
  assert.match(
    run.stdout,
    /✗ latency_p95\.event_delivery: 7 ms \(limit 500 ms\) — not enough samples \(3 of 20\)/,
  );
});

test("--help prints the usage and every flag, exit 0", () => {
  const run = spawnGate({}, ["--help"]);
  assert.equal(run.status, 0);
  assert.match(run.stdout, /^usage: assay-gate --report/);
  for (const flag of [
    "--report",
    "--blobs",
    "--coverage",
    "--config",
    "--baseline",
    "--out",
    "--shards",
    "--help",
  ])
    assert.ok(run.stdout.includes(flag), flag);
});
