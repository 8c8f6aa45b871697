import { testId } from "./testId.ts";

/** One test of a Playwright JSON report: its `--test-list` id and the durations of its runs. */
export type ReportTest = { id: string; durations: number[] };

type JsonResult = { duration?: number; status?: string };
type JsonSpec = { title: string; file: string; tests?: { projectName?: string; results?: JsonResult[] }[] };
type JsonSuite = { title: string; specs?: JsonSpec[]; suites?: JsonSuite[] };

/**
 * Walks a Playwright JSON report (`--reporter=json`, `--list --reporter=json` or
 * `merge-reports --reporter=json`): file suites → describe suites → specs → one test per
 * project. Each test appears once, with the durations of its non-skipped results (none for a
 * `--list` report); a test seen twice (`--repeat-each`) pools its durations.
 *
 * @example
 * collectReportTests(JSON.parse(readFileSync("reports/results.json", "utf8")));
 * // [{ id: "[ws] › packages/ws/suites/session.spec.ts › ping gets pong", durations: [212] }, …]
 */
export function collectReportTests(report: { suites?: JsonSuite[] }): ReportTest[] {
  const tests = new Map<string, number[]>();
  const walk = (suite: JsonSuite, titles: string[]): void => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const id = testId(test.projectName ?? "", spec.file, [...titles, spec.title]);
        const durations = tests.get(id) ?? [];
        for (const result of test.results ?? []) {
          if (result.status !== "skipped" && typeof result.duration === "number")
            durations.push(result.duration);
        }
        tests.set(id, durations);
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  // A top-level suite is a file: its title is the path, which the spec's `file` already gives.
  for (const file of report.suites ?? []) walk(file, []);
  return [...tests].map(([id, durations]) => ({ id, durations }));
}
