import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { judgeLoad, type LoadBaseline, type LoadBudgets, type LoadVerdict } from "./judgeLoad.ts";
import type { LoadResult } from "./LoadResult.ts";
import { renderLatencySvg } from "./renderLatencySvg.ts";
import { renderLoadTable } from "./renderLoadTable.ts";

/**
 * Judges a merged result and writes what the gate and people read, into `outDir`:
 * `<name>.json` (the result, histograms included), `verdict.json` (with `run`, when given, for
 * the release gate), `summary.md` (the table) and `latency.svg`. Returns the verdict and the table.
 *
 * @example
 * const { verdict, table } = writeLoadReport(result, { outDir: "reports/load", budgets, baseline });
 */
export function writeLoadReport(
  result: LoadResult,
  options: {
    outDir: string;
    name?: string;
    budgets: LoadBudgets;
    baseline?: LoadBaseline;
    judge?: boolean;
    /**
     * The Playwright run this verdict judges (`started_at`: its start time): the release gate
     * counts a load verdict only for the run it judges, by this.
     */
    run?: { started_at: string; id?: string };
  },
): { verdict: LoadVerdict | undefined; table: string; files: string[] } {
  mkdirSync(options.outDir, { recursive: true });
  const verdict = options.judge === false ? undefined : judgeLoad(result, options.budgets, options.baseline);
  const table = renderLoadTable(result, verdict, options.budgets.latency_p95_ms, options.baseline);
  const files = [
    join(options.outDir, `${options.name ?? "result"}.json`),
    join(options.outDir, "summary.md"),
    join(options.outDir, "latency.svg"),
  ];
  writeFileSync(files[0] as string, `${JSON.stringify(result, null, 1)}\n`);
  writeFileSync(files[1] as string, `\`\`\`\n${table}\n\`\`\`\n`);
  writeFileSync(files[2] as string, renderLatencySvg(result, options.budgets.latency_p95_ms));
  if (verdict) {
    files.push(join(options.outDir, "verdict.json"));
    const run = options.run ? { run: { ...options.run, scenario: result.scenario } } : {};
    writeFileSync(files[3] as string, `${JSON.stringify({ ...verdict, ...run }, null, 2)}\n`);
  }
  return { verdict, table, files };
}
