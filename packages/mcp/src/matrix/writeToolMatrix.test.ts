import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { summarizeMatrix } from "./summarizeMatrix.ts";
import type { McpEra, ToolMatrix } from "./ToolMatrix.ts";
import { readToolMatrices, writeToolMatrix } from "./writeToolMatrix.ts";

const matrix = (era: McpEra, runId: string): ToolMatrix =>
  summarizeMatrix({
    version: 1,
    target: "reference",
    url: "http://127.0.0.1:1/mcp",
    era,
    protocol_version: era === "session" ? "2025-11-25" : "2026-07-28",
    run_id: runId,
    seed: 1,
    generated_at: "2029-01-01T00:00:00.000Z",
    wall_ms: 10,
    tools: [
      { name: "health", input: { dialect: "2020-12", compiled: "strict" }, output: null, destructive: false },
    ],
    cases: [
      { tool: "health", case: "valid", kind: "valid", status: "pass", outcome: "result", reason: "", ms: 3 },
    ],
    tokens: [],
    stale_baseline: [],
    config_problems: [],
    protocol_problems: [],
  });

test("matrices of one run accumulate, one per era; an earlier run's are dropped", () => {
  const dir = mkdtempSync(join(tmpdir(), "assay-matrix-"));
  writeToolMatrix(dir, matrix("session", "old"));
  writeToolMatrix(dir, matrix("session", "new"));
  const { json, markdown } = writeToolMatrix(dir, matrix("stateless", "new"));
  writeToolMatrix(dir, matrix("stateless", "new"));
  assert.deepEqual(
    readToolMatrices(json).map((m) => `${m.era} ${m.run_id}`),
    ["session new", "stateless new"],
  );
  assert.match(readFileSync(markdown, "utf8"), /stateless era \(2026-07-28\): PASS/);
});

test("a missing file is empty; a malformed one is one line naming the file", () => {
  const dir = mkdtempSync(join(tmpdir(), "assay-matrix-"));
  assert.deepEqual(readToolMatrices(join(dir, "none.json")), []);
  writeFileSync(join(dir, "bad.json"), '{"version": 2}');
  assert.throws(
    () => readToolMatrices(join(dir, "bad.json")),
    /^McpInputError: \[assay\/mcp\] tool matrix .*bad\.json: \/ must be/,
  );
});
