import type { LoadResult } from "./LoadResult.ts";

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A latency chart of every step: a bar to p95 on a log scale, ticks at p50 and p99, a dot at
 * max, the budget as a red line. Self-contained SVG, for the Playwright report and CI summaries.
 *
 * @example
 * writeFileSync("reports/load/latency.svg", renderLatencySvg(result, { run: 2000 }));
 */
export function renderLatencySvg(
  result: Pick<LoadResult, "steps" | "scenario">,
  budgets: Record<string, number> = {},
): string {
  const steps = Object.entries(result.steps);
  const left = 300;
  const width = 900;
  const rowHeight = 22;
  const top = 40;
  const height = top + steps.length * rowHeight + 40;
  const all = steps.flatMap(([step, s]) => [s.max, budgets[step] ?? 0]).filter((v) => v > 0);
  const lo = Math.max(0.01, Math.min(...steps.map(([, s]) => s.p50).filter((v) => v > 0), 1) / 2);
  const hi = Math.max(...all, 1) * 1.2;
  const x = (ms: number) =>
    left +
    ((Math.log10(Math.max(ms, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) *
      (width - left - 20);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">${escapeXml(result.scenario)}: latency per step (ms, log scale) — bar p95, ticks p50 and p99, dot max, red budget</text>`,
  ];
  for (let decade = Math.ceil(Math.log10(lo)); 10 ** decade <= hi; decade += 1) {
    const gx = x(10 ** decade).toFixed(1);
    parts.push(
      `<line x1="${gx}" y1="${top - 6}" x2="${gx}" y2="${height - 30}" stroke="#ddd"/>`,
      `<text x="${gx}" y="${height - 14}" text-anchor="middle" fill="#666">${10 ** decade}</text>`,
    );
  }
  for (const [i, [step, s]] of steps.entries()) {
    const y = top + i * rowHeight;
    const over = budgets[step] !== undefined && s.p95 > (budgets[step] as number);
    parts.push(
      `<text x="${left - 8}" y="${y + 14}" text-anchor="end">${escapeXml(step)} (${s.count})</text>`,
      `<rect x="${left}" y="${y + 4}" width="${Math.max(1, x(s.p95) - left).toFixed(1)}" height="12" fill="${over ? "#e06666" : "#6fa8dc"}"/>`,
      `<line x1="${x(s.p50).toFixed(1)}" y1="${y + 2}" x2="${x(s.p50).toFixed(1)}" y2="${y + 18}" stroke="#222"/>`,
      `<line x1="${x(s.p99).toFixed(1)}" y1="${y + 2}" x2="${x(s.p99).toFixed(1)}" y2="${y + 18}" stroke="#222" stroke-dasharray="2,2"/>`,
      `<circle cx="${x(s.max).toFixed(1)}" cy="${y + 10}" r="3" fill="#222"/>`,
      `<text x="${(x(s.max) + 8).toFixed(1)}" y="${y + 14}" fill="#444">p95 ${s.p95}</text>`,
    );
    if (budgets[step] !== undefined) {
      const bx = x(budgets[step] as number).toFixed(1);
      parts.push(`<line x1="${bx}" y1="${y}" x2="${bx}" y2="${y + 20}" stroke="#c00" stroke-width="2"/>`);
    }
  }
  parts.push("</svg>");
  return parts.join("\n");
}
