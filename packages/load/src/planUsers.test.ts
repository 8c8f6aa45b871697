import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planUsers } from "./planUsers.ts";

const stages = (...s: [number, number][]) =>
  s.map(([duration_s, target_pct]) => ({ duration_s, target_pct }));

describe("planUsers", () => {
  it("ramps users in linearly and holds them to the end", () => {
    const plan = planUsers({ users: 4, stages: stages([4, 100], [6, 100]) }, { index: 1, count: 1 });
    assert.deepEqual(
      plan.map((u) => [u.index, u.start_s, u.stop_s]),
      [
        [0, 0, 10],
        [1, 1, 10],
        [2, 2, 10],
        [3, 3, 10],
      ],
    );
  });

  it("ramps users out in reverse order", () => {
    const plan = planUsers({ users: 2, stages: stages([2, 100], [2, 0]) }, { index: 1, count: 1 });
    assert.deepEqual(
      plan.map((u) => [u.index, u.start_s, u.stop_s]),
      [
        [0, 0, 4],
        [1, 1, 3],
      ],
    );
  });

  it("partitions users over shards and slices without overlap or loss", () => {
    const scenario = { users: 23, stages: stages([5, 100]) };
    const seen: number[] = [];
    for (let shard = 1; shard <= 3; shard += 1)
      for (let slice = 1; slice <= 2; slice += 1) {
        const part = planUsers(scenario, { index: shard, count: 3 }, { index: slice, count: 2 });
        assert.ok(part.length >= 3 && part.length <= 4, `shard ${shard} slice ${slice}: ${part.length}`);
        seen.push(...part.map((u) => u.index));
      }
    assert.deepEqual(
      seen.sort((a, b) => a - b),
      Array.from({ length: 23 }, (_, i) => i),
    );
  });

  it("leaves out users a stage never reaches", () => {
    const plan = planUsers({ users: 10, stages: stages([2, 50]) }, { index: 1, count: 1 });
    assert.deepEqual(
      plan.map((u) => u.index),
      [0, 1, 2, 3, 4],
    );
  });
});
