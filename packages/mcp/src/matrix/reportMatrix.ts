import { annotate } from "@assay/contracts";
import type { TestInfo } from "@playwright/test";
import { renderMatrixMarkdown } from "./renderMatrixMarkdown.ts";
import type { ToolMatrix } from "./ToolMatrix.ts";
import { writeToolMatrix } from "./writeToolMatrix.ts";

/** The annotation carrying one token count: `{"part","era","tokens","budget"}` as JSON. */
export const TOKENS_ANNOTATION = "assay:mcp-tokens";
/** The annotation carrying a matrix's seed, totals and wall time. */
export const MATRIX_ANNOTATION = "assay:mcp-matrix";

/**
 * Puts a matrix where people and the gate find it: merged into `<dir>/tool-matrix.json` and
 * `tool-matrix.md`, attached to the test (markdown and JSON, so the HTML report shows the table),
 * and annotated (seed and totals; one `assay:mcp-tokens` per token count).
 *
 * @example
 * await reportMatrix(testInfo, matrix);
 */
export async function reportMatrix(
  testInfo: TestInfo,
  matrix: ToolMatrix,
  dir = "reports/mcp",
): Promise<void> {
  writeToolMatrix(dir, matrix);
  await testInfo.attach(`tool-matrix-${matrix.era}.md`, {
    body: renderMatrixMarkdown([matrix]),
    contentType: "text/markdown",
  });
  await testInfo.attach(`tool-matrix-${matrix.era}.json`, {
    body: JSON.stringify(matrix, null, 2),
    contentType: "application/json",
  });
  const { totals } = matrix;
  annotate(
    MATRIX_ANNOTATION,
    JSON.stringify({
      target: matrix.target,
      era: matrix.era,
      seed: matrix.seed,
      tools: totals.tools,
      called: totals.called,
      cases: totals.cases,
      pass: totals.pass,
      fail: totals.fail,
      expected_failure: totals.expected_failure,
      not_sent: totals.not_sent,
      wall_ms: matrix.wall_ms,
    }),
  );
  for (const t of matrix.tokens)
    annotate(
      TOKENS_ANNOTATION,
      JSON.stringify({ part: t.part, era: matrix.era, tokens: t.tokens, budget: t.budget }),
    );
}
