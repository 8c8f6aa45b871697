import type { BudgetResult } from "./computeVerdict.ts";
import type { GateRun } from "./runGate.ts";

function versus(b: BudgetResult): string {
  if (b.value === null) return "nothing measured";
  const unit = b.name.startsWith("latency_p95.") ? " ms" : "";
  const min = b.name === "pass_rate" || b.name === "contract_coverage";
  const beyond = min ? b.value < b.limit : b.value > b.limit;
  // Within its limit yet failed (too few samples): do not print a comparison that reads false.
  if (!beyond) return `${b.value}${unit} (limit ${b.limit}${unit})`;
  return `${b.value}${unit} ${min ? "<" : ">"} ${b.limit}${unit} (${min ? "min" : "max"})`;
}

/**
 * The few lines the CLI prints: verdict and totals, each failed budget with value vs limit,
 * where the files went, and how long the gate took.
 *
 * @example
 * for (const line of renderConsole(run)) console.log(line);
 */
export function renderConsole(run: GateRun): string[] {
  const { verdict: v, files } = run;
  const failed = v.budgets.filter((b) => !b.ok);
  const t = v.totals;
  return [
    `[assay/gate] ${v.verdict.toUpperCase()}: ${failed.length} of ${v.budgets.length} budgets failed — ${t.tests} tests: ${t.passed} passed, ${t.failed} failed, ${t.flaky} flaky, ${t.skipped} skipped, ${t.baselined} baselined`,
    ...failed.map((b) => `  ✗ ${b.name}: ${versus(b)} — ${b.detail}`),
    ...[...v.coverage_files.ignored, ...(v.load_verdict?.ignored ?? [])].map(
      (f) => `  ignored ${f.path}: ${f.why}`,
    ),
    `  wrote ${files.verdict}, ${files.summary}, ${files.chart}${files.stepSummary ? ` and appended to ${files.stepSummary}` : ""}`,
    `  gate took ${Math.round(run.ms)} ms`,
  ];
}
