import {
  DEFAULT_MCP_BUDGETS,
  judgeToolMatrix,
  type MatrixBudgetResult,
  type McpBudgets,
} from "./judgeToolMatrix.ts";
import { McpInputError } from "./McpInputError.ts";
import { readToolMatrices } from "./writeToolMatrix.ts";

export {
  DEFAULT_MCP_BUDGETS,
  judgeToolMatrix,
  type MatrixBudgetResult,
  type McpBudgets,
  McpInputError,
  readToolMatrices,
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Validates the `"mcp"` key of gate.config.json strictly: `tool_success_rate_min` (0-1),
 * `tool_p95_ms` (ms > 0, or per tool with `"*"` as the default), `min_samples` (integer ≥ 1),
 * `matrix` (the matrix file, default `reports/mcp/tool-matrix.json`). A wrong key or type is a
 * one-line `McpInputError` naming it.
 *
 * @example
 * parseMcpBudgets({ tool_p95_ms: { "*": 1000, send_message: 3000 } }, "gate.config.json");
 */
export function parseMcpBudgets(value: unknown, source: string): McpBudgets & { matrix: string } {
  const bad = (key: string, what: string): never => {
    throw new McpInputError(`budgets file ${source}: "mcp.${key}" ${what}; see packages/mcp/README.md`);
  };
  if (!isRecord(value)) return bad("(root)", 'must be an object like {"tool_success_rate_min": 1}');
  const budgets = { ...DEFAULT_MCP_BUDGETS, matrix: "reports/mcp/tool-matrix.json" };
  const ms = (key: string, v: unknown): number =>
    typeof v === "number" && v > 0 && Number.isFinite(v)
      ? v
      : bad(key, `must be a number of ms > 0, got ${JSON.stringify(v)}`);
  for (const [key, v] of Object.entries(value)) {
    if (key === "tool_success_rate_min")
      budgets.tool_success_rate_min =
        typeof v === "number" && v >= 0 && v <= 1
          ? v
          : bad(key, `must be a number from 0 to 1, got ${JSON.stringify(v)}`);
    else if (key === "min_samples")
      budgets.min_samples =
        Number.isInteger(v) && (v as number) >= 1
          ? (v as number)
          : bad(key, `must be an integer >= 1, got ${JSON.stringify(v)}`);
    else if (key === "matrix")
      budgets.matrix = typeof v === "string" && v !== "" ? v : bad(key, "must be a file path");
    else if (key === "tool_p95_ms")
      budgets.tool_p95_ms = isRecord(v)
        ? Object.fromEntries(
            Object.entries(v).map(([tool, limit]) => [tool, ms(`tool_p95_ms.${tool}`, limit)]),
          )
        : ms(key, v);
    else bad(key, "is not a known key (allowed: tool_success_rate_min, tool_p95_ms, min_samples, matrix)");
  }
  return budgets;
}

/**
 * What the release gate calls: reads the matrix file (`reports/mcp/tool-matrix.json`, one matrix
 * per target and era) and returns its budget rows (`mcp.tool_success_rate`, `mcp.matrix`,
 * `mcp.tool_p95.<tool>`), shaped like the gate's `BudgetResult`. A missing file gives a failed
 * `mcp.tool_success_rate` (nothing measured); a malformed one throws `McpInputError` (exit 2).
 *
 * @example
 * const rows = judgeMatrixFile(parseMcpBudgets(config.mcp, "gate.config.json"));
 * verdict.budgets.push(...rows);
 */
export function judgeMatrixFile(budgets: McpBudgets & { matrix: string }): MatrixBudgetResult[] {
  return judgeToolMatrix(readToolMatrices(budgets.matrix), budgets);
}
