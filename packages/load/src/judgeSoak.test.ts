import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fitTrend } from "./fitTrend.ts";
import { judgeSoak } from "./judgeSoak.ts";
import type { ServiceSample } from "./LoadResult.ts";

const sample = (t_s: number, rss_mb: number, sockets = 20): ServiceSample => ({
  t_s,
  rss_mb,
  heap_used_mb: 0,
  sockets,
  runs_in_flight: 0,
  pool_total: 1,
  pool_idle: 1,
  pool_waiting: 0,
});

describe("fitTrend", () => {
  it("fits a slope and refuses a single point", () => {
    assert.equal(fitTrend([0, 1, 2, 3], [10, 12, 14, 16]), 2);
    assert.equal(fitTrend([1], [1]), undefined);
    assert.equal(fitTrend([1, 1], [1, 2]), undefined);
  });
});

describe("judgeSoak", () => {
  it("passes flat memory with GC noise and fails a steady climb, naming the figure", () => {
    const flat = Array.from({ length: 30 }, (_, i) => sample(i * 6, 150 + (i % 3 === 0 ? 8 : -4)));
    assert.deepEqual(judgeSoak(flat, 0, { max_rss_growth_mb_per_min: 5 }).problems, []);
    const leaking = Array.from({ length: 30 }, (_, i) => sample(i * 6, 150 + i * 1.5));
    const { problems, trends } = judgeSoak(leaking, 0, { max_rss_growth_mb_per_min: 5 });
    assert.deepEqual(problems, ["rss_mb grows 15 MB/min over 30 samples of the hold phase (limit 5 MB/min)"]);
    assert.deepEqual(
      trends.map((t) => t.figure),
      ["rss_mb", "sockets"],
    );
  });

  it("fails on sockets that are never closed, and ignores the ramp", () => {
    const samples = [
      ...Array.from({ length: 5 }, (_, i) => sample(i, 100, i * 10)),
      ...Array.from({ length: 10 }, (_, i) => sample(10 + i * 6, 100, 50 + i * 2)),
    ];
    assert.deepEqual(judgeSoak(samples, 10, {}).problems, [
      "sockets grows 20 sockets/min over 10 samples of the hold phase (limit 5 sockets/min)",
    ]);
  });

  it("fails when there is too little to judge", () => {
    assert.match(
      judgeSoak([sample(20, 1)], 10, {}).problems[0] ?? "",
      /^only 1 service sample\(s\) in the hold phase/,
    );
  });
});
