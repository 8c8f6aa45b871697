import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_MCP_BUDGETS, judgeToolMatrix } from "./judgeToolMatrix.ts";
import { renderMatrixMarkdown } from "./renderMatrixMarkdown.ts";
import { summarizeMatrix } from "./summarizeMatrix.ts";
import type { MatrixCase, ToolMatrix } from "./ToolMatrix.ts";

const c = (tool: string, name: string, status: MatrixCase["status"], ms: number | null = 10): MatrixCase => ({
  tool,
  case: name,
  kind: name === "valid" || name === "schema" ? name : "wrong_type",
  status,
  outcome: status === "pass" ? "result" : "isError",
  reason: status === "fail" ? "valid arguments answered isError: boom | pipe" : "",
  ms,
});
const matrix = (cases: MatrixCase[], extra: Partial<ToolMatrix> = {}): ToolMatrix =>
  summarizeMatrix({
    version: 1,
    target: "reference",
    url: "http://127.0.0.1:4310/mcp",
    era: "session",
    protocol_version: "2025-11-25",
    run_id: "r1",
    seed: 42,
    generated_at: "2029-01-01T00:00:00.000Z",
    wall_ms: 1234,
    tools: [...new Set(cases.map((x) => x.tool))].map((name) => ({
      name,
      input: { dialect: "2020-12", compiled: "strict" as const },
      output: null,
      destructive: false,
    })),
    cases,
    tokens: [],
    stale_baseline: [],
    config_problems: [],
    protocol_problems: [],
    ...extra,
  });
const fast = Array.from({ length: 6 }, (_, i) => c("health", `wrong_type:/x${i}`, "pass", 5 + i));

test("a clean matrix passes every budget row", () => {
  const rows = judgeToolMatrix([matrix([c("health", "schema", "pass", null), ...fast])], DEFAULT_MCP_BUDGETS);
  assert.deepEqual(
    rows.map((r) => [r.name, r.value, r.ok]),
    [
      ["mcp.tool_success_rate", 1, true],
      ["mcp.matrix", 0, true],
      ["mcp.tool_p95.health", 10, true],
    ],
  );
});

test("failures lower the success rate; expected failures and unsent mutants are left out", () => {
  const m = matrix([
    c("a", "valid", "fail"),
    c("a", "x", "pass"),
    c("b", "valid", "expected_failure"),
    c("b", "y", "not_sent", null),
  ]);
  const [rate] = judgeToolMatrix([m], DEFAULT_MCP_BUDGETS);
  assert.equal(rate?.value, 0.5);
  assert.equal(rate?.ok, false);
  assert.match(
    rate?.detail ?? "",
    /1 of 2 judged cases passed in 1 matrix \(1 failure; 1 expected failures left out\)/,
  );
});

test("per-tool p95 limits with a default; too few samples are reported, not judged", () => {
  const slow = Array.from({ length: 5 }, (_, i) =>
    c("send_message", `wrong_type:/m${i}`, "pass", 900 + i * 100),
  );
  const rows = judgeToolMatrix([matrix([...fast, ...slow, c("rare", "valid", "pass", 9000)])], {
    tool_success_rate_min: 1,
    tool_p95_ms: { "*": 100, send_message: 1000 },
    min_samples: 5,
  });
  const byName = new Map(rows.map((r) => [r.name, r]));
  assert.equal(byName.get("mcp.tool_p95.send_message")?.ok, false);
  assert.equal(byName.get("mcp.tool_p95.send_message")?.value, 1300);
  assert.equal(byName.get("mcp.tool_p95.health")?.ok, true);
  assert.equal(byName.get("mcp.tool_p95.rare")?.ok, true);
  assert.match(byName.get("mcp.tool_p95.rare")?.detail ?? "", /1 call < min_samples 5: reported, not judged/);
});

test("no matrix, or one that called nothing, fails; stale entries and token overruns fail mcp.matrix", () => {
  assert.equal(judgeToolMatrix([], DEFAULT_MCP_BUDGETS)[0]?.ok, false);
  const idle = matrix([c("a", "valid", "skipped", null)]);
  assert.equal(idle.verdict, "fail");
  const stale = matrix(fast, {
    stale_baseline: [{ tool: "a", case: "valid", owner: "core", why: "passed" }],
    tokens: [{ part: "tools/list", tokens: 900, budget: 500, ok: false }],
  });
  const row = judgeToolMatrix([idle, stale], DEFAULT_MCP_BUDGETS).find((r) => r.name === "mcp.matrix");
  assert.equal(row?.ok, false);
  assert.match(row?.detail ?? "", /reference\/session: no tool was called/);
  assert.match(row?.detail ?? "", /stale baseline a › valid \(passed\)/);
  assert.match(row?.detail ?? "", /tools\/list 900 tokens > 500/);
});

test("the markdown table shows each tool × kind and lists failures with reasons", () => {
  const md = renderMatrixMarkdown([
    matrix([c("health", "schema", "pass", null), c("health", "valid", "fail", 12), ...fast]),
  ]);
  assert.match(md, /^## MCP tool matrix: reference, session era \(2025-11-25\): FAIL/);
  assert.match(md, /\| health \| pass 1\/1 \| \*\*fail\*\* 1\/1 \| – \| pass 6\/6 \| – \| – \| – \| 12 \|/);
  assert.match(md, /- health › valid: valid arguments answered isError: boom \\\| pipe/);
});
