import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { GateInputError } from "./GateInputError.ts";
import { judgeMcpMatrix } from "./judgeMcpMatrix.ts";

const generatedAt = "2026-06-01T10:00:05.000Z";
const run = { start: Date.parse("2026-06-01T10:00:00.000Z"), end: Date.parse("2026-06-01T10:01:00.000Z") };

function matrixFile(cases: Array<{ tool: string; status: string; ms: number }>): string {
  const dir = mkdtempSync(join(tmpdir(), "assay-gate-mcp-"));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "tool-matrix.json");
  const pass = cases.filter((c) => c.status === "pass").length;
  const matrix = {
    version: 1,
    target: "reference",
    url: "http://127.0.0.1:1/mcp",
    era: "session",
    protocol_version: "2025-11-25",
    run_id: "r",
    seed: 1,
    generated_at: generatedAt,
    wall_ms: 10,
    tools: [],
    cases: cases.map((c) => ({ ...c, case: "valid", kind: "valid", outcome: "result", reason: "" })),
    tokens: [],
    stale_baseline: [],
    config_problems: [],
    protocol_problems: [],
    totals: {
      tools: 1,
      called: 1,
      cases: cases.length,
      pass,
      fail: cases.length - pass,
      expected_failure: 0,
      not_sent: 0,
      skipped: 0,
    },
    verdict: pass === cases.length ? "pass" : "fail",
  };
  writeFileSync(path, JSON.stringify({ version: 1, matrices: [matrix] }));
  return path;
}

// Fails when the gate judges a matrix that an earlier run left in reports/ (stale file passes).
test("a matrix written outside the judged run is ignored: nothing measured is a no-go", () => {
  const matrix = matrixFile([{ tool: "health", status: "pass", ms: 3 }]);
  const later = { start: run.end + 60_000, end: run.end + 120_000 };
  const rows = judgeMcpMatrix({ matrix, min_samples: 1 }, "gate.config.json", [later]);
  const rate = rows.find((r) => r.name === "mcp.tool_success_rate");
  assert.equal(rate?.ok, false);
  assert.equal(
    rows.every((r) => r.ok),
    false,
  );
});

// Fails when a failed tool case does not reach the gate's verdict.
test("a matrix of this run: a failed case fails mcp.tool_success_rate", () => {
  const ok = judgeMcpMatrix(
    { matrix: matrixFile([{ tool: "health", status: "pass", ms: 3 }]), min_samples: 1 },
    "gate.config.json",
    [run],
  );
  assert.equal(
    ok.every((r) => r.ok),
    true,
    JSON.stringify(ok),
  );
  const failed = judgeMcpMatrix(
    {
      matrix: matrixFile([
        { tool: "health", status: "pass", ms: 3 },
        { tool: "list_projects", status: "fail", ms: 4 },
      ]),
      min_samples: 1,
    },
    "gate.config.json",
    [run],
  );
  assert.equal(failed.find((r) => r.name === "mcp.tool_success_rate")?.ok, false);
});

// Fails when a typo in the mcp key is silently ignored instead of stopping the gate (exit 2).
test("a bad mcp key is bad input naming the key", () => {
  assert.throws(
    () => judgeMcpMatrix({ p95: 1 }, "gate.config.json", [run]),
    (error: unknown) =>
      error instanceof GateInputError && /"mcp\.p95" is not a known key/.test(error.message),
  );
});
