import { readFileSync, writeFileSync } from "node:fs";
import { collectReportTests } from "./collectReportTests.ts";
import { median } from "./median.ts";
import { ShardsError } from "./ShardsError.ts";

/**
 * Rewrites the durations file from a Playwright JSON report (one run's or a merged one): each
 * test that ran gets the median of its results' durations, rounded to the ms; skipped tests are
 * left out. Keys are sorted so the committed file diffs cleanly. Returns how many tests it wrote.
 *
 * @example
 * recordDurations("reports/results.json", "shard-durations.json"); // 36
 */
export function recordDurations(reportPath: string, outPath: string): number {
  const fix = "pass --from <the JSON report of a full run> (playwright --reporter=json or merge-reports)";
  let report: { suites?: unknown };
  try {
    report = JSON.parse(readFileSync(reportPath, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ShardsError(`cannot read report ${reportPath} (${code ?? "not JSON"}); ${fix}`);
  }
  if (typeof report !== "object" || report === null || !Array.isArray(report.suites))
    throw new ShardsError(`${reportPath} is not a Playwright JSON report (no suites); ${fix}`);
  const durations: Record<string, number> = {};
  const tests = collectReportTests(report as Parameters<typeof collectReportTests>[0])
    .map(({ id, durations: ms }) => ({ id, ms: median(ms) }))
    .filter((t): t is { id: string; ms: number } => t.ms !== undefined)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (tests.length === 0) throw new ShardsError(`${reportPath} holds no test that ran; ${fix}`);
  for (const { id, ms } of tests) durations[id] = Math.round(ms);
  writeFileSync(outPath, `${JSON.stringify(durations, null, 2)}\n`);
  return tests.length;
}
