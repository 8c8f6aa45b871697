import { judgeToolMatrix, McpInputError, parseMcpBudgets, readToolMatrices } from "@assay/mcp/gate";
import type { BudgetResult } from "./computeVerdict.ts";
import { GateInputError } from "./GateInputError.ts";
import type { RunWindow } from "./readReport.ts";

/**
 * The MCP tool matrix's budget rows (`mcp.tool_success_rate`, `mcp.matrix`, `mcp.tool_p95.<tool>`)
 * for the `mcp` key of gate.config.json. Only matrices written during a judged report's run
 * count (by `generated_at`), so a matrix an earlier run left in reports/ is never judged; with
 * none of this run, `mcp.tool_success_rate` fails on nothing measured. A bad `mcp` key or matrix
 * file is bad input (exit 2).
 *
 * @example
 * const rows = judgeMcpMatrix(budgets.mcp, "gate.config.json", reports.map((r) => r.window));
 */
export function judgeMcpMatrix(
  config: unknown,
  source: string,
  windows: readonly RunWindow[],
): BudgetResult[] {
  try {
    const budgets = parseMcpBudgets(config, source);
    const inRun = (at: string): boolean => {
      const t = Date.parse(at);
      return windows.some((w) => t >= w.start - 1 && t <= w.end + 1);
    };
    const matrices = readToolMatrices(budgets.matrix).filter((m) => inRun(m.generated_at));
    return judgeToolMatrix(matrices, budgets);
  } catch (error) {
    if (error instanceof McpInputError) throw new GateInputError(error.message);
    throw error;
  }
}
