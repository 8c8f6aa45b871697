import type { ExpectedFailure } from "./readTargetConfig.ts";
import type { MatrixCase, McpEra, StaleExpectation } from "./ToolMatrix.ts";

/**
 * Holds the matrix to the target's expected failures, the way the release gate holds a run to
 * its baseline: a failing case listed (for this era) becomes `expected_failure`; an entry whose
 * case passed or is not in the matrix is stale; an entry past its `expires` date excuses
 * nothing and is stale too. Stale entries fail the matrix, so the baseline cannot rot.
 *
 * @example
 * const { cases, stale } = applyBaseline(matrix.cases, config.expected_failures, "session", new Date());
 */
export function applyBaseline(
  cases: readonly MatrixCase[],
  entries: readonly ExpectedFailure[],
  era: McpEra,
  now: Date,
): { cases: MatrixCase[]; stale: StaleExpectation[] } {
  const today = now.toISOString().slice(0, 10);
  const mine = entries.filter((e) => e.era === undefined || e.era === era);
  const key = (tool: string, name: string): string => `${tool}\u0000${name}`;
  const byCase = new Map(mine.map((e) => [key(e.tool, e.case), e]));
  const stale: StaleExpectation[] = [];
  const judged = cases.map((c): MatrixCase => {
    const entry = byCase.get(key(c.tool, c.case));
    if (entry === undefined || c.status !== "fail" || entry.expires < today) return c;
    const { owner, reason, expires } = entry;
    return { ...c, status: "expected_failure", baseline: { owner, reason, expires } };
  });
  const seen = new Map(judged.map((c) => [key(c.tool, c.case), c.status]));
  for (const e of mine) {
    const status = seen.get(key(e.tool, e.case));
    const why =
      e.expires < today
        ? "expired"
        : status === undefined
          ? "not in matrix"
          : status === "pass"
            ? "passed"
            : null;
    if (why !== null) stale.push({ tool: e.tool, case: e.case, owner: e.owner, why });
  }
  return { cases: judged, stale };
}
