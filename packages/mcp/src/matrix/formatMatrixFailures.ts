import type { ToolMatrix } from "./ToolMatrix.ts";

/**
 * Every reason a matrix failed, one line each, naming the tool and the case: failing cases,
 * stale baseline entries, config problems, token counts over budget, a matrix that called
 * nothing. Empty when it passed.
 *
 * @example
 * formatMatrixFailures(matrix);
 * // ["list_projects › valid: structuredContent does not match the outputSchema: /count must be integer"]
 */
export function formatMatrixFailures(matrix: ToolMatrix): string[] {
  return [
    ...matrix.cases.filter((c) => c.status === "fail").map((c) => `${c.tool} › ${c.case}: ${c.reason}`),
    ...matrix.stale_baseline.map(
      (s) => `${s.tool} › ${s.case}: stale baseline entry (owner ${s.owner}): ${s.why}; remove or renew it`,
    ),
    ...matrix.config_problems.map((p) => `config: ${p}`),
    ...matrix.protocol_problems.map((p) => `protocol: ${p}`),
    ...matrix.tokens
      .filter((t) => !t.ok)
      .map((t) =>
        t.tokens === 0 && t.budget !== null
          ? `${t.part}: no result to count against its budget of ${t.budget} tokens`
          : `${t.part}: ${t.tokens} tokens > budget ${t.budget}`,
      ),
    ...(matrix.totals.called === 0 ? ["no tool was called: a matrix that checks nothing fails"] : []),
  ];
}
