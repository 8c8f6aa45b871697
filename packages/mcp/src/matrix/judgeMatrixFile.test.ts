import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { judgeMatrixFile, parseMcpBudgets } from "./judgeMatrixFile.ts";
import { summarizeMatrix } from "./summarizeMatrix.ts";
import { writeToolMatrix } from "./writeToolMatrix.ts";

test("the gate's mcp key: defaults, per-tool p95 limits, one-line errors naming the key", () => {
  assert.deepEqual(parseMcpBudgets({}, "g.json"), {
    tool_success_rate_min: 1,
    tool_p95_ms: 1000,
    min_samples: 5,
    matrix: "reports/mcp/tool-matrix.json",
  });
  assert.deepEqual(parseMcpBudgets({ tool_p95_ms: { "*": 800, send_message: 3000 } }, "g.json").tool_p95_ms, {
    "*": 800,
    send_message: 3000,
  });
  assert.throws(
    () => parseMcpBudgets({ tool_success_rate_min: 2 }, "g.json"),
    /"mcp\.tool_success_rate_min" must be a number from 0 to 1, got 2/,
  );
  assert.throws(
    () => parseMcpBudgets({ tool_p95_ms: { x: -1 } }, "g.json"),
    /"mcp\.tool_p95_ms\.x" must be a number of ms > 0/,
  );
  assert.throws(
    () => parseMcpBudgets({ p95: 1 }, "g.json"),
    /^McpInputError: \[assay\/mcp\] budgets file g\.json: "mcp\.p95" is not a known key/,
  );
});

test("the gate's rows come from the matrix file; no file means nothing measured", () => {
  const dir = mkdtempSync(join(tmpdir(), "assay-gate-mcp-"));
  const none = judgeMatrixFile({ ...parseMcpBudgets({}, "g.json"), matrix: join(dir, "tool-matrix.json") });
  assert.equal(none[0]?.ok, false);
  writeToolMatrix(
    dir,
    summarizeMatrix({
      version: 1,
      target: "t",
      url: "http://127.0.0.1:1/mcp",
      era: "session",
      protocol_version: "2025-11-25",
      run_id: "r",
      seed: 1,
      generated_at: "2029-01-01T00:00:00.000Z",
      wall_ms: 1,
      tools: [],
      cases: [
        {
          tool: "health",
          case: "valid",
          kind: "valid",
          status: "pass",
          outcome: "result",
          reason: "",
          ms: 4,
        },
      ],
      tokens: [],
      stale_baseline: [],
      config_problems: [],
      protocol_problems: [],
    }),
  );
  const rows = judgeMatrixFile({
    ...parseMcpBudgets({ min_samples: 1 }, "g.json"),
    matrix: join(dir, "tool-matrix.json"),
  });
  assert.deepEqual(
    rows.map((r) => `${r.name} ${r.ok}`),
    ["mcp.tool_success_rate true", "mcp.matrix true", "mcp.tool_p95.health true"],
  );
});
