import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { buildReport, type FixtureTest } from "./buildReport.ts";
import { runCli } from "./runCli.ts";

const SCHEMAS = ["http/health.v1", "ws/agent_started.v1"];
const clean: FixtureTest[] = [
  { title: "health answers", describe: ["health"], contracts: ["http/health.v1"], latency: [["run", 40]] },
  {
    title: "streams a run",
    file: "suites/agent.spec.ts",
    contracts: ["ws/agent_started.v1"],
    latency: [
      ["first_event", 120],
      ["tool_call", 80],
      ["tool_call", 95],
      ["run", 900],
    ],
  },
  { title: "not on staging", outcome: "skipped" },
];
const coverage = (exercised = SCHEMAS, schemas = SCHEMAS) => ({
  schemas,
  exercised,
  missing: [],
  percent: 100,
  generated_at: "2026-01-01T00:00:00Z",
});
const entry = (t: string, expires = "2999-12-31") => ({
  test: t,
  owner: "core",
  reason: "tracked in #42",
  expires,
});
const gate = (tests: FixtureTest[], extra: Record<string, unknown> = {}, args: string[] = []) =>
  runCli({ "report.json": buildReport(tests), "reports/contract-coverage.json": coverage(), ...extra }, [
    "--report",
    "report.json",
    ...args,
  ]);
const failedBudgets = (verdict: Record<string, unknown> | null) =>
  ((verdict?.budgets as { name: string; ok: boolean }[] | undefined) ?? [])
    .filter((b) => !b.ok)
    .map((b) => b.name);

test("a clean report passes with exit 0 and writes verdict, summary and chart", () => {
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
  const slow: FixtureTest = {
    title: "slow tools",
    latency: Array.from({ length: 20 }, (_, i): [string, number] => ["tool_call", 600 + i]),
  };
  const run = gate([...clean, slow]);
  assert.equal(run.status, 1);
  assert.deepEqual(failedBudgets(run.verdict), ["latency_p95.tool_call"]);
  assert.match(run.summary, /`tool_call`: p95 618 ms > 500 ms \(n=22/);
  assert.match(run.stdout, /✗ latency_p95\.tool_call: 618 ms > 500 ms \(max\)/);
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

test("the summary is appended to $GITHUB_STEP_SUMMARY when it is set", () => {
  const first = gate(clean);
  const summaryFile = join(first.dir, "step-summary.md");
  writeFileSync(summaryFile, "previous step\n");
  const run = runCli(
    { "report.json": buildReport(clean), "reports/contract-coverage.json": coverage() },
    ["--report", "report.json"],
    { GITHUB_STEP_SUMMARY: summaryFile },
  );
  assert.equal(run.status, 0, run.stderr);
  assert.match(readFileSync(summaryFile, "utf8"), /^previous step\n## ✅ Assay release gate: PASS/);
});
