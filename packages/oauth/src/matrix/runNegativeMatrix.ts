import type { MatrixContext, MatrixRow, NegativeCase } from "./MatrixContext.ts";

/**
 * Runs each case and collects its row (case → expected / got). A case that throws (the flow
 * broke before the point it tests) is a failed row saying why, so one broken case never hides
 * the others. Cases run one after another: they share the user's sign-in.
 *
 * @example
 * const rows = await runNegativeMatrix(ctx, NEGATIVE_CASES);
 */
export async function runNegativeMatrix(
  ctx: MatrixContext,
  cases: readonly NegativeCase[],
): Promise<MatrixRow[]> {
  const rows: MatrixRow[] = [];
  for (const negative of cases) {
    const started = performance.now();
    let outcome: Omit<MatrixRow, "case" | "rfc" | "expected" | "ms">;
    try {
      outcome = await negative.run(ctx);
    } catch (error) {
      outcome = { got: `the case could not run: ${(error as Error).message}`, pass: false, tokensIssued: 0 };
    }
    rows.push({
      case: negative.name,
      rfc: negative.rfc,
      expected: negative.expected,
      ...outcome,
      ms: Math.round(performance.now() - started),
    });
  }
  return rows;
}

/**
 * The matrix as a markdown table, with a summary line: cases, passed, tokens issued by mistake.
 *
 * @example
 * testInfo.attach("negative-matrix.md", { body: formatMatrix(rows), contentType: "text/markdown" });
 */
export function formatMatrix(rows: readonly MatrixRow[]): string {
  const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");
  const failed = rows.filter((row) => !row.pass).length;
  const tokens = rows.reduce((sum, row) => sum + row.tokensIssued, 0);
  return [
    `Negative matrix: ${rows.length} cases, ${rows.length - failed} as the RFCs say, ${failed} not; tokens issued by mistake: ${tokens}`,
    "",
    "| case | expected | got | tokens issued | result | rule |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows.map(
      (row) =>
        `| ${cell(row.case)} | ${cell(row.expected)} | ${cell(row.got)} | ${row.tokensIssued} | ${row.pass ? "pass" : "FAIL"} | ${cell(row.rfc)} |`,
    ),
    "",
  ].join("\n");
}

/**
 * Throws one error naming every case that did not get what the RFCs say, or handed out a token.
 *
 * @example
 * assertMatrix(rows); // Error: [assay/oauth] 1 of 27 negative cases failed: …
 */
export function assertMatrix(rows: readonly MatrixRow[]): void {
  const bad = rows.filter((row) => !row.pass || row.tokensIssued > 0);
  if (rows.length === 0) throw new Error("[assay/oauth] the negative matrix ran no case");
  if (bad.length === 0) return;
  const lines = bad.map(
    (row) =>
      `  ${row.case}: expected ${row.expected}, got ${row.got}${row.tokensIssued > 0 ? `; ${row.tokensIssued} token(s) issued by mistake` : ""}`,
  );
  throw new Error(
    `[assay/oauth] ${bad.length} of ${rows.length} negative cases failed:\n${lines.join("\n")}`,
  );
}
