import assert from "node:assert/strict";
import { test } from "node:test";
import { buildCoverage, buildReport, type FixtureTest } from "./buildReport.ts";
import { spawnGate } from "./spawnGate.ts";

// The load verdict in the release gate: judged when the run has one of its own, a no-go when it
// failed (naming the failed checks) or when the config requires one and the run has none, and
// never taken from another run.
const SCHEMAS = ["http/health.v1"];
const RUN_START = "2026-01-01T00:00:00.000Z";
const samples = (step: string) => Array.from({ length: 20 }, (_, i): [string, number] => [step, 10 + i]);
const tests: FixtureTest[] = [
  {
    title: "load smoke",
    contracts: SCHEMAS,
    latency: [...samples("first_event"), ...samples("tool_call"), ...samples("run")],
  },
];
const passing = {
  pass: true,
  checks: [
    { name: "grammar", pass: true, detail: "0 problems" },
    { name: "baseline run", pass: true, detail: "p95 20 ms is 2% over the baseline" },
  ],
  notes: [],
  run: { started_at: RUN_START, id: "run-test", scenario: "smoke" },
};
const failing = {
  ...passing,
  pass: false,
  checks: [
    { name: "grammar", pass: false, detail: "3 problems: run 1: seq 4 after seq 9: out of order" },
    { name: "silence", pass: true, detail: "0 problems" },
    { name: "baseline run", pass: false, detail: "p95 130 ms is 30% over the baseline 100 ms (max +10%)" },
  ],
};
const gate = (files: Record<string, unknown>) =>
  spawnGate(
    {
      "report.json": buildReport(tests),
      "reports/contract-coverage.json": buildCoverage(SCHEMAS, { exercised: SCHEMAS }),
      ...files,
    },
    ["--report", "report.json"],
  );
const row = (run: ReturnType<typeof gate>) =>
  ((run.verdict?.budgets as { name: string; ok: boolean; detail: string }[] | undefined) ?? []).find(
    (b) => b.name === "load",
  );

// Fails when the gate drops a passing load verdict of its run, or fails a good run over it.
test("a passing load verdict of the judged run is a `load` row that passes", () => {
  const run = gate({ "reports/load/verdict.json": passing });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(row(run)?.ok, true);
  assert.match(row(run)?.detail ?? "", /passed its 2 checks/);
  assert.deepEqual(run.verdict?.load_verdict, { used: "reports/load/verdict.json", ignored: [] });
});

// Fails when a failed load verdict does not stop the release, or hides which checks failed.
test("a failed load verdict of the judged run is a no-go naming each failed check", () => {
  const run = gate({ "reports/load/verdict.json": failing });
  assert.equal(run.status, 1);
  assert.equal(row(run)?.ok, false);
  assert.match(
    run.stdout,
    /✗ load: 2 > 0 \(max\) — the load verdict reports\/load\/verdict\.json \(scenario smoke\) failed 2 of 3 checks: grammar: 3 problems: run 1: seq 4 after seq 9: out of order; baseline run: p95 130 ms is 30% over/,
  );
  assert.doesNotMatch(row(run)?.detail ?? "", /silence/);
});

// Fails when a verdict another run left in reports/load/ is judged as this run's (a stale pass
// would let a broken release through; a stale fail would block a good one).
test("a load verdict from another run is ignored, and listed as such", () => {
  const stale = { ...failing, run: { ...failing.run, started_at: "2025-12-31T00:00:00.000Z" } };
  const run = gate({ "reports/load/verdict.json": stale });
  assert.equal(run.status, 0, run.stdout);
  assert.equal(row(run), undefined);
  assert.match(
    run.stdout,
    /ignored reports\/load\/verdict\.json: written by another run \(started 2025-12-31T00:00:00\.000Z\)/,
  );
  const without = gate({ "reports/load/verdict.json": { ...failing, run: undefined } });
  assert.equal(without.status, 0, without.stdout);
  assert.match(without.stdout, /ignored reports\/load\/verdict\.json: no run\.started_at/);
});

// Fails when `load.required` lets a run through without a load verdict of its own: none at all,
// or only another run's.
test("load.required: a run without a load verdict of its own is a no-go saying why", () => {
  const config = { "gate.config.json": { load: { required: true } } };
  const none = gate(config);
  assert.equal(none.status, 1);
  assert.match(
    none.stdout,
    /✗ load: nothing measured — load\.required is set but this run has no load verdict: reports\/load\/verdict\.json not found; run the load projects/,
  );
  const stale = { ...passing, run: { ...passing.run, started_at: "2025-12-31T00:00:00.000Z" } };
  const old = gate({ ...config, "reports/load/verdict.json": stale });
  assert.equal(old.status, 1);
  assert.match(old.stdout, /no load verdict: ignored reports\/load\/verdict\.json: written by another run/);
  const here = gate({ ...config, "reports/load/verdict.json": passing });
  assert.equal(here.status, 0, here.stdout);
});

// Fails when a malformed verdict file or config key is judged instead of refused.
test("a verdict file that is not a load verdict, or a wrong load key, is bad input (exit 2)", () => {
  const broken = gate({ "reports/load/verdict.json": { pass: "yes", checks: [] } });
  assert.equal(broken.status, 2);
  assert.match(
    broken.stderr,
    /^\[assay\/gate\] load verdict reports\/load\/verdict\.json.*pass must be boolean/,
  );
  const key = gate({ "gate.config.json": { load: { required: "always" } } });
  assert.equal(key.status, 2);
  assert.match(key.stderr, /load\.required must be boolean/);
});
