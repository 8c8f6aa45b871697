import type { BudgetResult, Verdict } from "./computeVerdict.ts";

const LIST_MAX = 50;
const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;
const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function show(b: BudgetResult, n: number | null): string {
  if (n === null) return "—";
  if (b.name === "pass_rate" || b.name === "contract_coverage") return `${Math.round(n * 10000) / 100}%`;
  if (b.name.startsWith("latency_p95.")) return `${n} ms`;
  return String(n);
}

function label(b: BudgetResult): string {
  if (b.name.startsWith("latency_p95.")) return `p95 latency ${code(b.name.slice("latency_p95.".length))}`;
  return b.name.replace(/_/g, " ");
}

function list<T>(title: string, items: readonly T[], line: (item: T) => string): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, LIST_MAX).map((item) => `- ${line(item)}`);
  if (items.length > LIST_MAX) shown.push(`- … and ${items.length - LIST_MAX} more (see verdict.json)`);
  return [`**${title}**`, "", ...shown, ""];
}

/**
 * Renders the verdict as GitHub-flavoured markdown: a headline, the budget table
 * (value, limit, ✅/❌), the named causes, and the latency chart inlined as a base64 SVG
 * image so it shows in `$GITHUB_STEP_SUMMARY` without hosting a file.
 *
 * @example
 * writeFileSync("reports/gate/summary.md", renderSummary(verdict, renderLatencyChart(stats)));
 */
export function renderSummary(verdict: Verdict, chartSvg?: string): string {
  const t = verdict.totals;
  const pass = verdict.verdict === "pass";
  const shards = verdict.shards.found.length ? ` · shards ${verdict.shards.found.join(", ")}` : "";
  const lines = [
    `## ${pass ? "✅" : "❌"} Assay release gate: ${pass ? "PASS" : "FAIL"}`,
    "",
    `**${t.tests} tests**: ${t.passed} passed · ${t.failed} failed · ${t.flaky} flaky · ${t.skipped} skipped · ${t.baselined} baselined${shards} · ${verdict.generated_at}`,
    "",
    "| Budget | Value | Limit | | Detail |",
    "|---|---:|---:|:-:|---|",
    ...verdict.budgets.map((b) => {
      const min = b.name === "pass_rate" || b.name === "contract_coverage";
      return `| ${label(b)} | ${show(b, b.value)} | ${min ? "≥" : "≤"} ${show(b, b.limit)} | ${b.ok ? "✅" : "❌"} | ${cell(b.detail)} |`;
    }),
    "",
  ];
  const overBudget = verdict.latency.filter((l) => l.limit !== null && l.p95 !== null && l.p95 > l.limit);
  const unmeasured = verdict.budgets.filter(
    (b) => !b.ok && (b.value === null || b.detail.startsWith("not enough samples")),
  );
  const causes = [
    ...list(
      "Budgets with nothing (or too little) to measure",
      unmeasured,
      (b) => `${label(b)}: ${cell(b.detail)}`,
    ),
    ...list("Failed tests (not in the baseline)", verdict.failures, code),
    ...list("Flaky tests (passed only on retry)", verdict.flaky, code),
    ...list(
      "Latency steps over their p95 budget",
      overBudget,
      (l) =>
        `${code(l.step)}: p95 ${l.p95} ms > ${l.limit} ms (n=${l.count}, p50 ${l.p50} ms, max ${l.max} ms)`,
    ),
    ...list("Contracts not exercised", verdict.missing_contracts, code),
    ...list("Isolation leaks", verdict.leaks, (l) => `${code(l.test)}: ${cell(l.leak)}`),
    ...list(
      "Stale baseline entries (remove them from the baseline)",
      verdict.stale_baseline,
      (e) =>
        `${code(e.test)} — ${e.why === "passed" ? "now passes" : "not in the report"} (owner ${e.owner}: ${cell(e.reason)})`,
    ),
    ...list(
      "Expired baseline entries (fix the test, or extend `expires` with a reason)",
      verdict.expired_baseline,
      (e) => `${code(e.test)} — expired ${e.expires} (owner ${e.owner}: ${cell(e.reason)})`,
    ),
  ];
  if (causes.length) lines.push("### Why it failed", "", ...causes);
  if (verdict.coverage_files.ignored.length)
    lines.push(
      ...list(
        "Coverage files of other runs (ignored)",
        verdict.coverage_files.ignored,
        (f) => `${code(f.path)}: ${cell(f.why)}`,
      ),
    );
  if (verdict.load_verdict?.ignored.length)
    lines.push(
      ...list(
        "Load verdicts of other runs (ignored)",
        verdict.load_verdict.ignored,
        (f) => `${code(f.path)}: ${cell(f.why)}`,
      ),
    );
  if (verdict.baselined.length)
    lines.push(
      "<details><summary>Known failures (baselined)</summary>",
      "",
      ...list("Baselined", verdict.baselined, code),
      "</details>",
      "",
    );
  if (chartSvg) {
    const data = Buffer.from(chartSvg, "utf8").toString("base64");
    lines.push(
      "### Latency",
      "",
      `<img alt="Latency per step: histogram, p50, p95 and budget" src="data:image/svg+xml;base64,${data}">`,
      "",
    );
  }
  return `${lines.join("\n")}\n`;
}
