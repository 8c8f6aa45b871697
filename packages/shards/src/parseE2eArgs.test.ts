import assert from "node:assert/strict";
import { test } from "node:test";
import { parseE2eArgs } from "./parseE2eArgs.ts";

test("--shard in either form is taken out; every other arg passes through in order", () => {
  assert.deepEqual(parseE2eArgs(["--project=ws", "--shard=2/3", "packages/ws"]), {
    kind: "run",
    shard: { current: 2, total: 3 },
    args: ["--project=ws", "packages/ws"],
  });
  assert.deepEqual(parseE2eArgs(["--shard", "1/1", "-g", "health"]), {
    kind: "run",
    shard: { current: 1, total: 1 },
    args: ["-g", "health"],
  });
  assert.deepEqual(parseE2eArgs(["--list", "shards"]), {
    kind: "run",
    shard: null,
    args: ["--list", "shards"],
  });
  assert.deepEqual(parseE2eArgs([]), { kind: "run", shard: null, args: [] });
});

test("subcommands are recognised only as the first argument", () => {
  assert.deepEqual(parseE2eArgs(["shards", "3", "--project=ws"]), {
    kind: "shards",
    count: 3,
    args: ["--project=ws"],
  });
  assert.deepEqual(parseE2eArgs(["record-durations"]), {
    kind: "record-durations",
    from: "reports/results.json",
    out: "shard-durations.json",
  });
  assert.deepEqual(parseE2eArgs(["record-durations", "--from=r.json", "--out", "d.json"]), {
    kind: "record-durations",
    from: "r.json",
    out: "d.json",
  });
});
