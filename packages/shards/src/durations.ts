import { readFileSync, writeFileSync } from "node:fs";
import { createJsonCheck } from "@assay/gate";
import { ShardsError } from "./ShardsError.ts";
import { collectReportTests } from "./testList.ts";

/** The committed durations file, `{ "<test id>": ms }`; see `recordDurations`. */
export const DURATIONS_FILE = "shard-durations.json";

const check = createJsonCheck(new URL("../schemas/shard-durations.schema.json", import.meta.url));
const REWRITE = `rewrite it with "assay-e2e record-durations" after a full run`;

/**
 * The median of `values` (the mean of the two middle values for an even count); undefined when
 * there are none.
 *
 * @example
 * median([30, 10, 20]); // 20
 * median([10, 20]); // 15
 */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

/**
 * Reads a durations file, validated by `schemas/shard-durations.schema.json`. A missing file gives
 * `null` (every test then weighs the same); a malformed one is an error naming the file, the JSON
 * path and the rule.
 *
 * @example
 * readDurations("shard-durations.json"); // { "[ws] › packages/ws/suites/session.spec.ts › ping gets pong": 212, … }
 */
export function readDurations(path: string): Record<string, number> | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new ShardsError(
      `cannot read ${path} (${(error as NodeJS.ErrnoException).code}); fix its permissions`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ShardsError(`${path} is not JSON; ${REWRITE}`);
  }
  const problem = check(json);
  if (problem) throw new ShardsError(`${path}: ${problem}; ${REWRITE}`);
  return json as Record<string, number>;
}

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
