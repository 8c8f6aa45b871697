import assert from "node:assert/strict";
import { test } from "node:test";
import { renderLatencyChart } from "./renderLatencyChart.ts";
import { summarizeLatency } from "./summarizeLatency.ts";

const tests = [
  {
    id: "t",
    outcome: "expected" as const,
    contracts: [],
    leaks: [],
    latency: [
      ...Array.from({ length: 50 }, (_, i) => ({ step: "tool_call", ms: 100 + i * 10 })),
      ...Array.from({ length: 40 }, () => ({ step: "run", ms: 1000 })),
      { step: "run", ms: 90000 },
      { step: "a<b", ms: 3 },
    ],
  },
];

test("one labelled row per step with p50, p95, budget and a ms axis", () => {
  const svg = renderLatencyChart(summarizeLatency(tests, { tool_call: 500, run: 3000, first_event: 1000 }));
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, /<\/svg>$/);
  for (const text of [
    "tool_call",
    "n=50 · over budget",
    "p50 340",
    "p95 570",
    "budget 500 ms",
    "latency (ms)",
    "a&lt;b",
    "max 90000 ▸",
  ])
    assert.ok(svg.includes(text), `missing ${text}`);
  assert.match(svg, />first_event<[\s\S]*no samples/);
  assert.doesNotMatch(svg, /NaN|undefined|Infinity/);
});

test("no samples at all renders a note instead of an empty axis", () => {
  const svg = renderLatencyChart(summarizeLatency([], { run: 3000 }));
  assert.match(svg, /no assay:latency samples in the report/);
});
