import { p95 } from "./renderMatrixMarkdown.ts";
import type { ToolMatrix } from "./ToolMatrix.ts";

/** The gate's MCP budgets (`"mcp"` in gate.config.json). */
export type McpBudgets = {
  /** Share of sent cases that must pass (expected failures, mutants not sent and skipped tools left out). */
  tool_success_rate_min: number;
  /** p95 limit of one tool's calls, in ms: one number for every tool, or per tool with `"*"` as the default. */
  tool_p95_ms: number | Record<string, number>;
  /** Fewer calls of a tool than this: its p95 is reported, not judged. */
  min_samples: number;
};

/** One budget held against the matrices; the same shape as the gate's `BudgetResult`. */
export type MatrixBudgetResult = {
  name: string;
  value: number | null;
  limit: number;
  ok: boolean;
  detail: string;
};

/** The defaults: every sent case passes; each tool's p95 within a second over at least 5 calls. */
export const DEFAULT_MCP_BUDGETS: McpBudgets = {
  tool_success_rate_min: 1,
  tool_p95_ms: 1000,
  min_samples: 5,
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Turns tool matrices (`reports/mcp/tool-matrix.json`, one per target and era) into the gate's
 * budget rows: `mcp.tool_success_rate`, `mcp.matrix` (stale baseline entries, config problems,
 * token budgets, a matrix that called nothing) and `mcp.tool_p95.<tool>` per tool. No matrix at
 * all is a failed `mcp.tool_success_rate`: nothing was measured.
 *
 * @example
 * const rows = judgeToolMatrix(readToolMatrices("reports/mcp/tool-matrix.json"), { tool_success_rate_min: 1, tool_p95_ms: { "*": 1000, send_message: 5000 }, min_samples: 5 });
 * rows.filter((r) => !r.ok).map((r) => r.name); // ["mcp.tool_p95.send_message"]
 */
export function judgeToolMatrix(matrices: readonly ToolMatrix[], budgets: McpBudgets): MatrixBudgetResult[] {
  const cases = matrices.flatMap((m) => m.cases);
  const passed = cases.filter((c) => c.status === "pass" && c.kind !== "schema").length;
  const failed = cases.filter((c) => c.status === "fail").length;
  const counted = passed + failed;
  const rate = counted === 0 ? null : Math.round((passed / counted) * 10000) / 10000;
  const rows: MatrixBudgetResult[] = [
    {
      name: "mcp.tool_success_rate",
      value: rate,
      limit: budgets.tool_success_rate_min,
      ok: rate !== null && rate >= budgets.tool_success_rate_min,
      detail:
        rate === null
          ? `no tool case was judged in ${plural(matrices.length, "matrix")}: nothing measured`
          : `${passed} of ${counted} judged cases passed in ${plural(matrices.length, "matrix")} (${plural(failed, "failure")}; ${cases.filter((c) => c.status === "expected_failure").length} expected failures left out)`,
    },
  ];
  const problems = matrices.flatMap((m) => [
    ...m.stale_baseline.map((s) => `${m.target}/${m.era}: stale baseline ${s.tool} › ${s.case} (${s.why})`),
    ...m.config_problems.map((p) => `${m.target}/${m.era}: ${p}`),
    ...m.protocol_problems.map((p) => `${m.target}/${m.era}: protocol: ${p}`),
    ...m.tokens
      .filter((t) => !t.ok)
      .map((t) => `${m.target}/${m.era}: ${t.part} ${t.tokens} tokens > ${t.budget}`),
    ...(m.totals.called === 0 ? [`${m.target}/${m.era}: no tool was called`] : []),
  ]);
  rows.push({
    name: "mcp.matrix",
    value: problems.length,
    limit: 0,
    ok: problems.length === 0,
    detail:
      problems.length === 0
        ? "no stale baseline entry, config problem or token overrun"
        : problems.join("; "),
  });
  const tools = [...new Set(cases.map((c) => c.tool))].sort();
  for (const tool of tools) {
    const mine = cases.filter((c) => c.tool === tool);
    const samples = mine.filter((c) => c.ms !== null).length;
    const limit =
      typeof budgets.tool_p95_ms === "number"
        ? budgets.tool_p95_ms
        : (budgets.tool_p95_ms[tool] ?? budgets.tool_p95_ms["*"]);
    if (limit === undefined) continue;
    const value = p95(mine);
    const judged = samples >= budgets.min_samples;
    rows.push({
      name: `mcp.tool_p95.${tool}`,
      value,
      limit,
      ok: !judged || (value !== null && value <= limit),
      detail: judged
        ? `p95 ${value} ms over ${plural(samples, "call")}`
        : `${plural(samples, "call")} < min_samples ${budgets.min_samples}: reported, not judged`,
    });
  }
  return rows;
}
