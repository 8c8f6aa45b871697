import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fakeResult } from "./fakeResult.ts";
import { judgeLoad } from "./judgeLoad.ts";
import { renderLatencySvg } from "./renderLatencySvg.ts";
import { renderLoadTable } from "./renderLoadTable.ts";

describe("renderLoadTable / renderLatencySvg", () => {
  const result = fakeResult({ run: Array(50).fill(120), "http GET /health": Array(30).fill(3) });

  it("prints one row per step and the failed checks", () => {
    const budgets = { run: 100 };
    const text = renderLoadTable(result, judgeLoad(result, { latency_p95_ms: budgets }), budgets);
    assert.match(text, /agents 10\/10 done · runs 100 started, 100 checked \(every event\)/);
    assert.match(text, /\| http GET \/health +\| +30 \| +3\.00 \| +3\.00 \|/);
    assert.match(text, /\| run +\| +50 \| +120 \| +120 \| +120 \| +120 \| +100 \|/);
    assert.match(text, /Verdict: FAIL\n {2}✗ p95 run: 120\.\d+ ms > 100 ms budget \(50 samples\)/);
  });

  it("draws a bar per step, red over budget", () => {
    const svg = renderLatencySvg(result, { run: 100 });
    assert.match(svg, /^<svg /);
    assert.equal((svg.match(/<rect x="300"/g) ?? []).length, 2);
    assert.match(svg, /fill="#e06666"/);
    assert.match(svg, /run \(50\)/);
  });
});
