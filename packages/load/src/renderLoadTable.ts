import type { LoadBaseline, LoadVerdict } from "./judgeLoad.ts";
import type { LoadResult } from "./LoadResult.ts";

const fmt = (ms: number | undefined) =>
  ms === undefined ? "–" : ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);

/**
 * The summary a person reads at the end of a load run: totals, then one row per step (count,
 * p50/p95/p99/max in ms, budget, baseline), then the verdict's failed checks and examples of
 * each problem. Plain text, also valid in markdown.
 *
 * @example
 * console.log(renderLoadTable(result, verdict, budgets.latency_p95_ms, baseline));
 */
export function renderLoadTable(
  result: LoadResult,
  verdict?: LoadVerdict,
  budgets: Record<string, number> = {},
  baseline?: LoadBaseline,
): string {
  const lines: string[] = [];
  const { users, runs } = result;
  lines.push(
    `Load ${result.scenario} on ${result.target.base_url} (${result.shards.length} shard(s), ${result.slices.length} worker(s), ${result.duration_s} s, load avg ${result.machine.load_avg.join(" ")}):`,
    `  agents ${users.done}/${users.planned} done · runs ${runs.started} started, ${runs.checked} checked${result.sampling.allowed ? ` (sampled ${result.sampling.rate * 100}%)` : " (every event)"}, ${runs.passed} passed · events ${runs.events} · problems ${result.problems.total}${result.reconnects ? ` · reconnects ${result.reconnects}` : ""}`,
    "",
  );
  const header = ["step", "count", "p50 ms", "p95 ms", "p99 ms", "max ms", "budget", "baseline"];
  const rows = Object.entries(result.steps).map(([step, s]) => [
    step,
    String(s.count),
    fmt(s.p50),
    fmt(s.p95),
    fmt(s.p99),
    fmt(s.max),
    budgets[step] === undefined ? "" : `${budgets[step]}`,
    baseline?.steps[step] === undefined ? "" : fmt(baseline.steps[step]?.p95),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(" | ")} |`;
  lines.push(
    line(header),
    `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`,
  );
  for (const row of rows) lines.push(line(row));
  if (verdict) {
    lines.push("", `Verdict: ${verdict.pass ? "PASS" : "FAIL"}`);
    for (const check of verdict.checks) if (!check.pass) lines.push(`  ✗ ${check.name}: ${check.detail}`);
    for (const note of verdict.notes) lines.push(`  note: ${note}`);
  }
  if (result.problems.examples.length > 0) {
    lines.push("", "Problems (first of each kind):");
    for (const p of result.problems.examples.slice(0, 12))
      lines.push(`  ${p.kind} · ${p.user}: ${p.message}`);
  }
  if (result.trends.length > 0) {
    lines.push("", "Service trend over the hold phase:");
    for (const t of result.trends)
      lines.push(
        `  ${t.figure}: ${t.slope_per_min}/min (limit ${t.limit_per_min}/min, ${t.samples} samples)`,
      );
  }
  return lines.join("\n");
}
