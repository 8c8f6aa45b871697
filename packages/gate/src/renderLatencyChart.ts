import type { LatencyStat } from "./summarizeLatency.ts";

const WIDTH = 760;
const LEFT = 170;
const RIGHT = 24;
const TOP = 36;
const ROW = 96;
const BINS = 40;
const BAR_MAX = 34;
const PLOT = WIDTH - LEFT - RIGHT;

const esc = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const fmt = (ms: number): string =>
  ms >= 100 ? Math.round(ms).toString() : String(Math.round(ms * 10) / 10);

/** Smallest 1/2/5×10^k step that splits `max` into at most 6 ticks. */
function tickStep(max: number): number {
  const raw = max / 6;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
}

/**
 * Draws the latency distribution of every step as a standalone SVG (no dependency): one row
 * per step with a histogram, the p50 and p95 markers and the p95 budget as a dashed red line.
 * Each row has its own millisecond axis, fitted to that step's samples (and its budget when the
 * budget is near them), so a 4 ms step is as readable as a 900 ms one; samples beyond the axis
 * land in the last bin and the row says how far the max went. Each row shows its sample count
 * against the minimum the gate needs.
 *
 * @example
 * writeFileSync("reports/gate/latency.svg", renderLatencyChart(summarizeLatency(tests, budgets.latency_p95_ms), 20));
 */
export function renderLatencyChart(stats: readonly LatencyStat[], minSamples = 1): string {
  const rows = stats.filter((s) => s.samples.length > 0 || s.limit !== null);
  const height = TOP + Math.max(rows.length, 1) * ROW + 12;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12" role="img" aria-label="Latency per step">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="12" y="22" font-size="14" font-weight="600" fill="#1f2328">Latency per step (ms): histogram, p50, p95 and p95 budget; each row on its own axis</text>`,
  ];
  if (rows.every((s) => s.samples.length === 0))
    out.push(
      `<text x="${LEFT}" y="${TOP + 30}" fill="#59636e">no assay:latency samples in the report</text>`,
    );
  for (const [r, s] of rows.entries()) out.push(...renderRow(s, TOP + r * ROW, minSamples));
  out.push("</svg>");
  return out.join("\n");
}

function renderRow(s: LatencyStat, y0: number, minSamples: number): string[] {
  const n = s.samples.length;
  const over = s.limit !== null && s.p95 !== null && s.p95 > s.limit;
  const few = s.limit !== null && n < minSamples;
  const status = [over ? "over budget" : "", few ? "too few samples" : ""].filter(Boolean).join(" · ");
  const out = [
    `<text x="12" y="${y0 + 26}" font-weight="600" fill="#1f2328">${esc(s.step)}</text>`,
    `<text x="12" y="${y0 + 42}" fill="#59636e">n=${n}${s.limit !== null ? ` (min ${minSamples})` : ""}</text>`,
  ];
  if (s.limit !== null)
    out.push(`<text x="12" y="${y0 + 58}" fill="#59636e">p95 budget ${fmt(s.limit)} ms</text>`);
  if (status) out.push(`<text x="12" y="${y0 + 74}" fill="#cf222e">${status}</text>`);
  if (n === 0) {
    out.push(`<text x="${LEFT + 6}" y="${y0 + 40}" fill="#59636e">no samples</text>`);
    return out;
  }
  // The row's own axis, fitted to its data: the p95 with room, and the max unless it is a far outlier.
  // The budget joins the axis when it is near the data; far above it, an arrow at the right edge
  // points to it (the label column gives its value), so a 4 ms step under a 250 ms budget is not squashed into the first pixel.
  const p95 = s.p95 ?? 0;
  const data = Math.max(p95 * 1.25, Math.min(s.max ?? 0, p95 * 2), 0.1);
  const budgetOnAxis = s.limit !== null && s.limit <= data * 3;
  const reach = budgetOnAxis ? Math.max(data, (s.limit ?? 0) * 1.1) : data;
  const step = tickStep(reach);
  const domain = Math.ceil(reach / step) * step;
  const x = (ms: number): number => LEFT + (Math.min(ms, domain) / domain) * PLOT;
  const base = y0 + 50;
  for (let t = 0; t <= domain + step / 2; t += step)
    out.push(
      `<line x1="${x(t).toFixed(1)}" y1="${y0 + 4}" x2="${x(t).toFixed(1)}" y2="${base}" stroke="#eef1f4" stroke-width="1"/>`,
      `<text x="${x(t).toFixed(1)}" y="${base + 32}" text-anchor="middle" fill="#59636e" font-size="10">${fmt(t)}</text>`,
    );
  out.push(`<line x1="${LEFT}" y1="${base}" x2="${LEFT + PLOT}" y2="${base}" stroke="#59636e"/>`);
  const bins = new Array<number>(BINS).fill(0);
  for (const ms of s.samples) {
    const bin = Math.min(BINS - 1, Math.floor((ms / domain) * BINS));
    bins[bin] = (bins[bin] ?? 0) + 1;
  }
  const top = Math.max(...bins, 1);
  const width = PLOT / BINS;
  bins.forEach((count, i) => {
    if (count === 0) return;
    const h = Math.max(1, (count / top) * BAR_MAX);
    out.push(
      `<rect x="${(LEFT + i * width).toFixed(1)}" y="${(base - h).toFixed(1)}" width="${(width - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="#8cb4e8"><title>${count} samples</title></rect>`,
    );
  });
  if (s.max !== null && s.max > domain)
    out.push(
      `<text x="${x(domain) - 2}" y="${y0 + 8}" text-anchor="end" fill="#59636e">max ${fmt(s.max)} ▸</text>`,
    );
  if (s.p50 !== null)
    out.push(
      `<line x1="${x(s.p50)}" y1="${base - BAR_MAX - 4}" x2="${x(s.p50)}" y2="${base + 4}" stroke="#0b3d91" stroke-width="2"/>`,
      `<text x="${x(s.p50) - 3}" y="${base + 16}" text-anchor="end" fill="#0b3d91">p50 ${fmt(s.p50)}</text>`,
    );
  if (s.p95 !== null) {
    const colour = over ? "#cf222e" : "#1a7f37";
    out.push(
      `<line x1="${x(s.p95)}" y1="${base - BAR_MAX - 4}" x2="${x(s.p95)}" y2="${base + 4}" stroke="${colour}" stroke-width="2"/>`,
      `<text x="${x(s.p95) + 3}" y="${base + 16}" fill="${colour}">p95 ${fmt(s.p95)}</text>`,
    );
  }
  if (s.limit !== null && budgetOnAxis)
    out.push(
      `<line x1="${x(s.limit)}" y1="${y0 + 2}" x2="${x(s.limit)}" y2="${base + 6}" stroke="#cf222e" stroke-width="1.5" stroke-dasharray="5 3"/>`,
      `<text x="${x(s.limit) + 3}" y="${y0 + 10}" fill="#cf222e">budget ${fmt(s.limit)} ms</text>`,
    );
  else if (s.limit !== null)
    out.push(`<text x="${LEFT + PLOT}" y="${y0 + 22}" text-anchor="end" fill="#cf222e">budget ▸</text>`);
  return out;
}
