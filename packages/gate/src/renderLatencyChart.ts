import type { LatencyStat } from "./summarizeLatency.ts";

const WIDTH = 760;
const LEFT = 150;
const RIGHT = 24;
const TOP = 36;
const ROW = 70;
const BINS = 40;
const BAR_MAX = 34;

const esc = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const fmt = (ms: number): string =>
  ms >= 100 ? Math.round(ms).toString() : String(Math.round(ms * 10) / 10);

/** Smallest 1/2/5×10^k step that splits `max` into at most 6 ticks. */
function tickStep(max: number): number {
  const raw = max / 6;
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power) || 1;
}

/**
 * Draws the latency distribution of every step as a standalone SVG (no dependency): one row
 * per step with a histogram, the p50 and p95 markers and the p95 budget as a dashed red line,
 * over a shared millisecond axis. Samples beyond the axis land in the last bin and the row says
 * how far the max went, so one outlier does not squash the chart.
 *
 * @example
 * writeFileSync("reports/gate/latency.svg", renderLatencyChart(summarizeLatency(tests, budgets.latency_p95_ms)));
 */
export function renderLatencyChart(stats: readonly LatencyStat[]): string {
  const rows = stats.filter((s) => s.samples.length > 0 || s.limit !== null);
  const height = TOP + Math.max(rows.length, 1) * ROW + 48;
  const head = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12" role="img" aria-label="Latency per step">`;
  const out = [
    head,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="12" y="22" font-size="14" font-weight="600" fill="#1f2328">Latency per step (ms): histogram, p50, p95 and p95 budget</text>`,
  ];
  if (rows.every((s) => s.samples.length === 0)) {
    out.push(
      `<text x="${LEFT}" y="${TOP + 30}" fill="#59636e">no assay:latency samples in the report</text>`,
      "</svg>",
    );
    return out.join("\n");
  }
  const reach = rows.map((s) => {
    const anchor = Math.max(s.limit ?? 0, s.p95 ?? 0);
    return Math.max(anchor * 1.15, Math.min(s.max ?? 0, anchor * 2));
  });
  const step = tickStep(Math.max(...reach, 1));
  const domain = Math.ceil(Math.max(...reach, 1) / step) * step;
  const plot = WIDTH - LEFT - RIGHT;
  const x = (ms: number): number => LEFT + (Math.min(ms, domain) / domain) * plot;
  const bottom = TOP + rows.length * ROW;
  for (let t = 0; t <= domain; t += step) {
    out.push(
      `<line x1="${x(t)}" y1="${TOP}" x2="${x(t)}" y2="${bottom}" stroke="#d1d9e0" stroke-width="1"/>`,
      `<text x="${x(t)}" y="${bottom + 16}" text-anchor="middle" fill="#59636e">${fmt(t)}</text>`,
    );
  }
  out.push(
    `<line x1="${LEFT}" y1="${bottom}" x2="${LEFT + plot}" y2="${bottom}" stroke="#59636e"/>`,
    `<text x="${LEFT + plot / 2}" y="${bottom + 36}" text-anchor="middle" fill="#1f2328">latency (ms)</text>`,
  );
  for (const [r, s] of rows.entries()) out.push(...renderRow(s, TOP + r * ROW, domain, x));
  out.push("</svg>");
  return out.join("\n");
}

function renderRow(s: LatencyStat, y0: number, domain: number, x: (ms: number) => number): string[] {
  const base = y0 + 44;
  const over = s.limit !== null && s.p95 !== null && s.p95 > s.limit;
  const out = [
    `<text x="12" y="${y0 + 26}" font-weight="600" fill="#1f2328">${esc(s.step)}</text>`,
    `<text x="12" y="${y0 + 42}" fill="#59636e">n=${s.samples.length}${over ? " · over budget" : ""}</text>`,
  ];
  const bins = new Array<number>(BINS).fill(0);
  for (const ms of s.samples) {
    const bin = Math.min(BINS - 1, Math.floor((ms / domain) * BINS));
    bins[bin] = (bins[bin] ?? 0) + 1;
  }
  const top = Math.max(...bins, 1);
  const width = (x(domain) - x(0)) / BINS;
  bins.forEach((n, i) => {
    if (n === 0) return;
    const h = Math.max(1, (n / top) * BAR_MAX);
    out.push(
      `<rect x="${(x(0) + i * width).toFixed(1)}" y="${(base - h).toFixed(1)}" width="${(width - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="#8cb4e8"><title>${n} samples</title></rect>`,
    );
  });
  if (s.max !== null && s.max > domain)
    out.push(
      `<text x="${x(domain) - 2}" y="${y0 + 8}" text-anchor="end" fill="#59636e">max ${fmt(s.max)} ▸</text>`,
    );
  if (s.p50 !== null)
    out.push(
      `<line x1="${x(s.p50)}" y1="${base - BAR_MAX - 4}" x2="${x(s.p50)}" y2="${base + 4}" stroke="#0b3d91" stroke-width="2"/>`,
      `<text x="${x(s.p50) - 3}" y="${base + 17}" text-anchor="end" fill="#0b3d91">p50 ${fmt(s.p50)}</text>`,
    );
  if (s.p95 !== null)
    out.push(
      `<line x1="${x(s.p95)}" y1="${base - BAR_MAX - 4}" x2="${x(s.p95)}" y2="${base + 4}" stroke="${over ? "#cf222e" : "#1a7f37"}" stroke-width="2"/>`,
      `<text x="${x(s.p95) + 3}" y="${base + 17}" fill="${over ? "#cf222e" : "#1a7f37"}">p95 ${fmt(s.p95)}</text>`,
    );
  if (s.limit !== null)
    out.push(
      `<line x1="${x(s.limit)}" y1="${y0 + 2}" x2="${x(s.limit)}" y2="${base + 6}" stroke="#cf222e" stroke-width="1.5" stroke-dasharray="5 3"/>`,
      `<text x="${x(s.limit) + 3}" y="${y0 + 10}" fill="#cf222e">budget ${fmt(s.limit)} ms</text>`,
    );
  if (s.samples.length === 0)
    out.push(`<text x="${LEFT + 6}" y="${base - 8}" fill="#59636e">no samples</text>`);
  return out;
}
