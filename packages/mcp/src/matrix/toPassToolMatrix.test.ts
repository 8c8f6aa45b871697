import assert from "node:assert/strict";
import { test } from "node:test";
import { summarizeMatrix } from "./summarizeMatrix.ts";
import type { MatrixCase, ToolMatrix } from "./ToolMatrix.ts";
import { toPassToolMatrix } from "./toPassToolMatrix.ts";

const matrix = (cases: MatrixCase[], extra: Partial<ToolMatrix> = {}): ToolMatrix =>
  summarizeMatrix({
    version: 1,
    target: "reference",
    url: "http://127.0.0.1:1/mcp",
    era: "stateless",
    protocol_version: "2026-07-28",
    run_id: "r",
    seed: 77,
    generated_at: "2029-01-01T00:00:00.000Z",
    wall_ms: 5,
    tools: [],
    cases,
    tokens: [],
    stale_baseline: [],
    config_problems: [],
    protocol_problems: [],
    ...extra,
  });
const ok: MatrixCase = {
  tool: "health",
  case: "valid",
  kind: "valid",
  status: "pass",
  outcome: "result",
  reason: "",
  ms: 2,
};

test("a passing matrix passes", () => {
  const result = toPassToolMatrix.call({ isNot: false }, matrix([ok]));
  assert.equal(result.pass, true);
});

test("the failure names each tool, case and reason, and the seed", () => {
  const broken: MatrixCase = {
    ...ok,
    tool: "list_projects",
    status: "fail",
    reason: "structuredContent does not match the outputSchema: /count must be integer",
  };
  const result = toPassToolMatrix.call(
    { isNot: false },
    matrix([ok, broken], {
      stale_baseline: [{ tool: "a", case: "valid", owner: "core", why: "passed" }],
      tokens: [{ part: "tools/call health", tokens: 31, budget: 20, ok: false }],
      config_problems: ['the config names tool "ghost", which the server does not list'],
    }),
  );
  assert.equal(result.pass, false);
  assert.equal(
    result.message(),
    [
      "expect(matrix).toPassToolMatrix() failed",
      "",
      "Target: reference, stateless era (2026-07-28), seed 77 (ASSAY_MCP_SEED=77 reproduces the arguments)",
      "Cases: 1 pass, 1 fail, 0 expected failure, 0 not sent, 0 skipped",
      "  list_projects › valid: structuredContent does not match the outputSchema: /count must be integer",
      "  a › valid: stale baseline entry (owner core): passed; remove or renew it",
      '  config: the config names tool "ghost", which the server does not list',
      "  tools/call health: 31 tokens > budget 20",
    ].join("\n"),
  );
});

test("a matrix that called nothing fails; a non-matrix is named", () => {
  const idle = toPassToolMatrix.call({ isNot: false }, matrix([{ ...ok, status: "skipped", ms: null }]));
  assert.match(idle.message(), /no tool was called: a matrix that checks nothing fails/);
  assert.match(
    toPassToolMatrix.call({ isNot: false }, { a: 1 }).message(),
    /needs a tool matrix .* got \{"a":1\}/,
  );
});
