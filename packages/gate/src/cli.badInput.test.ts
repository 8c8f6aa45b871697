import assert from "node:assert/strict";
import { test } from "node:test";
import { buildCoverage, buildReport, type FixtureTest } from "./buildReport.ts";
import { type GateProcess, spawnGate } from "./spawnGate.ts";

// Each case: an input the gate must refuse (exit 2, one line) instead of judging garbage.
const ok: FixtureTest[] = [{ title: "works", contracts: ["http/health.v1"] }];
const coverage = (shard?: string) => buildCoverage(["http/health.v1"], shard ? { shard } : {});
const base = { "reports/contract-coverage.json": coverage() };
const runCli = spawnGate;

/** Exit 2, exactly one line on stderr with the prefix, no stack trace, nothing written. */
function assertBadInput(run: GateProcess, pattern: RegExp): void {
  assert.equal(run.status, 2, `exit ${run.status}; stdout: ${run.stdout}; stderr: ${run.stderr}`);
  const lines = run.stderr.split("\n").filter(Boolean);
  assert.equal(lines.length, 1, `expected one line, got:\n${run.stderr}`);
  assert.ok(lines[0]?.startsWith("[assay/gate] "), lines[0]);
  assert.doesNotMatch(run.stderr, /\n\s+at /);
  assert.match(lines[0] ?? "", pattern);
  assert.equal(run.verdict, null);
}

test("a missing report is bad input, not an empty pass", () => {
  assertBadInput(
    runCli(base, ["--report", "nope/report.json"]),
    /report nope\/report\.json not found; run playwright with --reporter=json/,
  );
});

test("a missing report folder, or one without a Playwright report, is bad input", () => {
  assertBadInput(runCli(base, ["--report", "blob-report/"]), /report blob-report\/ not found/);
  assertBadInput(
    runCli({ ...base, "merged/notes.json": { hello: 1 } }, ["--report", "merged"]),
    /report folder merged holds no Playwright JSON report/,
  );
});

test("a report that is not JSON or not a Playwright report is bad input naming the JSON path", () => {
  assertBadInput(
    runCli({ ...base, "r.json": "<html>" }, ["--report", "r.json"]),
    /report r\.json is not valid JSON/,
  );
  assertBadInput(
    runCli({ ...base, "r.json": { suites: 3 } }, ["--report", "r.json"]),
    /r\.json is not a Playwright JSON report/,
  );
  const broken = buildReport(ok) as { suites: { specs: { tests: { status: string }[] }[] }[] };
  const first = broken.suites[0]?.specs[0]?.tests[0];
  if (first) first.status = "green";
  assertBadInput(
    runCli({ ...base, "r.json": broken }, ["--report", "r.json"]),
    /suites\[0\]\.specs\[0\]\.tests\[0\]\.status is not expected\|unexpected/,
  );
});

test("an empty shard or a report with 0 tests is bad input (0 tests must never pass)", () => {
  const shards = {
    ...base,
    "shards/1.json": buildReport(ok, { shard: { current: 1, total: 2 } }),
    "shards/2.json": buildReport([], { shard: { current: 2, total: 2 } }),
  };
  assertBadInput(runCli(shards, ["--report", "shards"]), /shard 2\/2 \(shards\/2\.json\) ran 0 tests/);
  assertBadInput(
    runCli({ ...base, "r.json": buildReport([]) }, ["--report", "r.json"]),
    /report r\.json ran 0 tests/,
  );
});

test("malformed budgets file: bad JSON, unknown key, wrong type, each naming the file, path and rule", () => {
  const withConfig = (config: unknown) =>
    runCli({ ...base, "r.json": buildReport(ok), "gate.config.json": config }, ["--report", "r.json"]);
  assertBadInput(withConfig("{ pass_rate_min: 1 }"), /budgets file gate\.config\.json is not valid JSON/);
  assertBadInput(
    withConfig({ pass_rate: 1 }),
    /budgets file gate\.config\.json: pass_rate is not a known key \(additionalProperties/,
  );
  assertBadInput(
    withConfig({ flaky_max: "2" }),
    /gate\.config\.json: flaky_max must be integer \(type\), got "2"/,
  );
  assertBadInput(
    withConfig({ latency_p95_ms: { run: -1 } }),
    /gate\.config\.json: latency_p95_ms\.run must be > 0 \(exclusiveMinimum\), got -1/,
  );
  assertBadInput(
    runCli({ ...base, "r.json": buildReport(ok) }, ["--report", "r.json", "--config", "ci/gate.json"]),
    /budgets file ci\/gate\.json not found/,
  );
});

test("malformed baseline names the entry and the field", () => {
  const entries = [{ test: "api › a › b", owner: "core", reason: "r", expires: "2026-02-30" }];
  const run = runCli({ ...base, "r.json": buildReport(ok), "gate.baseline.json": { entries } }, [
    "--report",
    "r.json",
  ]);
  assertBadInput(
    run,
    /baseline gate\.baseline\.json: entries\[0\]\.expires must match format "date" \(format\), got "2026-02-30"/,
  );
  const noOwner = { entries: [{ test: "x", reason: "r", expires: "2026-01-01" }] };
  assertBadInput(
    runCli({ ...base, "r.json": buildReport(ok), "gate.baseline.json": noOwner }, ["--report", "r.json"]),
    /entries\[0\]\.owner is missing \(required\)/,
  );
});

test("shards that do not add up are bad input naming the missing one (a lost shard must not pass)", () => {
  const two = {
    ...base,
    // No latency budgets: this case is about shards, and a valid set must be judged (exit 0).
    "gate.config.json": { latency_p95_ms: { first_event: null, tool_call: null, run: null } },
    "shards/1.json": buildReport(ok, { shard: { current: 1, total: 2 } }),
    "shards/2.json": buildReport([{ title: "b" }], { shard: { current: 2, total: 2 } }),
  };
  assert.equal(runCli(two, ["--report", "shards", "--shards", "2"]).status, 0);
  assertBadInput(
    runCli(two, ["--report", "shards", "--shards", "3"]),
    /shard count mismatch: shards\/1\.json is shard 1 of 2 but 3 shards were expected/,
  );
  const gap = {
    ...base,
    "shards/1.json": buildReport(ok, { shard: { current: 1, total: 3 } }),
    "shards/3.json": buildReport(ok, { shard: { current: 3, total: 3 } }),
  };
  assertBadInput(
    runCli(gap, ["--report", "shards"]),
    /shard count mismatch: reports hold shards 1, 3 of 3; missing 2/,
  );
  const files = {
    "r.json": buildReport(ok),
    "reports/contract-coverage.shard-1-of-3.json": coverage("1/3"),
    "reports/contract-coverage.shard-2-of-3.json": coverage("2/3"),
  };
  assertBadInput(
    runCli(files, ["--report", "r.json", "--shards", "3"]),
    /coverage files hold shards 1, 2 of 3; missing 3/,
  );
  assertBadInput(
    runCli({ ...base, "r.json": buildReport(ok) }, ["--report", "r.json", "--shards", "3"]),
    /cannot check 3 shards: the report carries no shard info/,
  );
  assertBadInput(
    runCli({ ...base, "r.json": buildReport(ok), "gate.config.json": { expected_shards: 2 } }, [
      "--report",
      "r.json",
    ]),
    /cannot check 2 shards/,
  );
});

test("an unknown option, a missing value or a missing --report is one line, not a silent default", () => {
  assertBadInput(
    runCli(base, ["--report", "r.json", "--shard", "3"]),
    /unknown option --shard; usage: assay-gate --report/,
  );
  assertBadInput(runCli(base, ["--report"]), /--report needs a value; usage:/);
  assertBadInput(runCli(base, ["--report", "r.json", "--out", "--shards", "2"]), /--out needs a value/);
  assertBadInput(
    runCli(base, ["--report", "r.json", "--shards", "two"]),
    /--shards must be a whole number >= 1, got "two"/,
  );
  assertBadInput(runCli(base, []), /missing --report <file\|folder>/);
});

test("--coverage naming a path that holds no coverage file", () => {
  assertBadInput(
    runCli({ "r.json": buildReport(ok) }, ["--report", "r.json", "--coverage", "cov/"]),
    /no contract coverage file matches --coverage cov\//,
  );
});

test("a report without stats.startTime cannot be matched to its coverage files", () => {
  const report = buildReport(ok) as { stats: Record<string, unknown> };
  delete report.stats.startTime;
  assertBadInput(
    runCli({ ...base, "r.json": report }, ["--report", "r.json"]),
    /r\.json is not a Playwright JSON report: stats\.startTime must be an ISO date/,
  );
});
