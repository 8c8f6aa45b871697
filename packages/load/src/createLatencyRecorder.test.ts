import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createLatencyRecorder } from "./createLatencyRecorder.ts";

describe("createLatencyRecorder", () => {
  it("reports p50/p95/p99/max and counts in ms, within HdrHistogram's 0.1%", () => {
    const latency = createLatencyRecorder();
    for (let i = 1; i <= 1000; i += 1) latency.record("run", i);
    const stats = latency.stats("run");
    assert.equal(stats?.count, 1000);
    for (const [got, want] of [
      [stats?.p50, 500],
      [stats?.p95, 950],
      [stats?.p99, 990],
      [stats?.max, 1000],
    ] as const) {
      assert.ok(Math.abs((got ?? 0) - want) <= want * 0.001, `${got} ≈ ${want}`);
    }
    assert.equal(latency.stats("none"), undefined);
  });

  it("merges parts by adding their histograms, never by averaging their percentiles", () => {
    // Part A: 900 fast samples; part B: 100 slow ones. Averaging the two p95s would say ~505 ms;
    // the merged distribution's p95 is in the slow part.
    const a = createLatencyRecorder();
    const b = createLatencyRecorder();
    for (let i = 0; i < 900; i += 1) a.record("run", 10);
    for (let i = 0; i < 100; i += 1) b.record("run", 1000);
    const merged = createLatencyRecorder(a.serialize());
    merged.add(b.serialize());
    const stats = merged.stats("run");
    assert.equal(stats?.count, 1000);
    assert.ok(Math.abs((stats?.p95 ?? 0) - 1000) <= 1, `p95 ${stats?.p95}`);
    assert.ok(Math.abs((stats?.p50 ?? 0) - 10) <= 0.01, `p50 ${stats?.p50}`);
  });

  it("round-trips through JSON and keeps steps apart", () => {
    const latency = createLatencyRecorder();
    latency.record("first_event", 12.345);
    latency.record("http GET /health", 3);
    latency.record("event_delivery", -2);
    const again = createLatencyRecorder(JSON.parse(JSON.stringify(latency.serialize())));
    assert.deepEqual(again.steps(), ["event_delivery", "first_event", "http GET /health"]);
    assert.equal(again.stats("event_delivery")?.max, 0);
    assert.ok(Math.abs((again.stats("first_event")?.max ?? 0) - 12.345) < 0.02);
  });

  it("names the step of a histogram that does not decode", () => {
    assert.throws(
      () => createLatencyRecorder({ run: "not base64 at all" }),
      /^Error: \[assay\/load\] The histogram of step "run" is not HdrHistogram's compressed base64/,
    );
  });
});
