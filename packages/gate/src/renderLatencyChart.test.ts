import assert from "node:assert/strict";
import { test } from "node:test";
import type { TestRecord } from "./collectTests.ts";
import { renderLatencyChart } from "./renderLatencyChart.ts";
import { summarizeLatency } from "./summarizeLatency.ts";

const tests: TestRecord[] = [
  {
    id: "t",
    outcome: "expected",
    contracts: [],
    leaks: [],
    latency: [
      ...Array.from({ length: 50 }, (_, i) => ({ step: "tool_call", ms: 100 + i * 10 })),
      ...Array.from({ length: 40 }, () => ({ step: "run", ms: 1000 })),
      { step: "run", ms: 90000 },
      ...Array.from({ length: 30 }, (_, i) => ({ step: "event_delivery", ms: 2 + (i % 3) })),
      { step: "a<b", ms: 3 },
    ],
  },
];
const svg = renderLatencyChart(
  summarizeLatency(tests, { tool_call: 500, run: 3000, first_event: 1000, event_delivery: 250 }),
  20,
);
/** The x of the p50 marker line in the row of `step`. */
function p50X(step: string): number {
  const row = svg.slice(svg.indexOf(`>${step}<`));
  const match = /<line x1="([\d.]+)"[^>]*stroke="#0b3d91"/.exec(row);
  return Number(match?.[1]);
}

test("one labelled row per step with p50, p95, budget, n against the minimum, and no NaN", () => {
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, /<\/svg>$/);
  for (const text of [
    "tool_call",
    "n=50 (min 20)",
    "over budget",
    "p50 340",
    "p95 570",
    "p95 budget 500 ms",
    "a&lt;b",
    "max 90000 ▸",
  ])
    assert.ok(svg.includes(text), `missing ${text}`);
  assert.match(svg, />first_event<[\s\S]*n=0 \(min 20\)[\s\S]*too few samples[\s\S]*no samples/);
  assert.doesNotMatch(svg, /NaN|undefined|Infinity/);
});

test("each step gets its own axis: a 3 ms step under a 250 ms budget is not squashed next to a 1 s step", () => {
  // On one shared axis (0–3450 ms) the 3 ms p50 sat within 1 px of the axis start.
  const left = 170;
  assert.ok(p50X("event_delivery") - left > 100, `event_delivery p50 at x=${p50X("event_delivery")}`);
  assert.ok(p50X("run") - left > 100, `run p50 at x=${p50X("run")}`);
  assert.match(
    svg,
    />event_delivery<[\s\S]*p95 budget 250 ms[\s\S]*budget ▸/,
    "a budget far above the data points off the axis",
  );
});

test("no samples at all renders a note instead of an empty axis", () => {
  assert.match(
    renderLatencyChart(summarizeLatency([], { run: 3000 })),
    /no assay:latency samples in the report/,
  );
});
