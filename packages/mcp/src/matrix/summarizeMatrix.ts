import type { ToolMatrix } from "./ToolMatrix.ts";

/**
 * Adds totals and the verdict to a matrix. It fails on a failing case, a stale or expired
 * baseline entry, a config problem, a protocol problem the client recorded, a token count over budget (or a budgeted tool with no
 * result to count), and when nothing was called at all: a matrix that checked nothing passes
 * nothing.
 *
 * @example
 * const matrix = summarizeMatrix({ ...fields, cases, tokens, stale_baseline: [], config_problems: [] });
 * matrix.totals.fail; // 0
 */
export function summarizeMatrix(matrix: Omit<ToolMatrix, "totals" | "verdict">): ToolMatrix {
  const count = (status: string): number => matrix.cases.filter((c) => c.status === status).length;
  const sent = matrix.cases.filter((c) => c.ms !== null);
  const called = new Set(sent.map((c) => c.tool)).size;
  const totals = {
    tools: matrix.tools.length,
    called,
    cases: matrix.cases.length,
    pass: count("pass"),
    fail: count("fail"),
    expected_failure: count("expected_failure"),
    not_sent: count("not_sent"),
    skipped: count("skipped"),
  };
  const ok =
    totals.fail === 0 &&
    called > 0 &&
    matrix.stale_baseline.length === 0 &&
    matrix.config_problems.length === 0 &&
    matrix.protocol_problems.length === 0 &&
    matrix.tokens.every((t) => t.ok);
  return { ...matrix, totals, verdict: ok ? "pass" : "fail" };
}
