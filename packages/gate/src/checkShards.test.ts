import assert from "node:assert/strict";
import { test } from "node:test";
import { checkShards, shardFromFileName } from "./checkShards.ts";

const of = (current: number, total: number) => ({ path: `s${current}.json`, shard: { current, total } });

test("a complete shard set is accepted from reports, blobs or coverage files (a false mismatch would block a good run)", () => {
  assert.deepEqual(checkShards(2, { blobs: [of(1, 2), of(2, 2)], coverage: [of(2, 2), of(1, 2)] }), {
    expected: 2,
    found: [1, 2],
    source: "blobs",
  });
  assert.deepEqual(checkShards(2, { reports: [of(2, 2), of(1, 2)] }), {
    expected: 2,
    found: [1, 2],
    source: "reports",
  });
  assert.deepEqual(checkShards(undefined, { reports: [], coverage: [of(1, 1)] }), {
    expected: null,
    found: [1],
    source: "coverage",
  });
  assert.deepEqual(checkShards(1, { reports: [{ path: "m.json", shard: null }] }), {
    expected: 1,
    found: [1],
    source: "none",
  });
  assert.deepEqual(checkShards(undefined, { reports: [{ path: "m.json", shard: null }] }), {
    expected: null,
    found: [],
    source: "none",
  });
});

test("a missing, doubled or foreign shard is refused (a lost shard must not pass as a smaller run)", () => {
  assert.throws(
    () => checkShards(undefined, { reports: [of(1, 3), of(2, 3)] }),
    /reports hold shards 1, 2 of 3; missing 3/,
  );
  assert.throws(
    () => checkShards(2, { reports: [of(1, 2), of(1, 2)] }),
    /shard 1\/2 appears twice \(s1\.json, s1\.json\)/,
  );
  assert.throws(
    () => checkShards(3, { reports: [of(1, 2), of(2, 2)] }),
    /s1\.json is shard 1 of 2 but 3 shards were expected/,
  );
  assert.throws(
    () =>
      checkShards(2, { reports: [of(1, 2), of(2, 2)], blobs: [of(1, 2), of(2, 2)], coverage: [of(1, 3)] }),
    /s1\.json is shard 1 of 3 but 2 shards were expected/,
  );
  assert.throws(
    () => checkShards(undefined, { blobs: [of(2, 2)] }),
    /blob reports hold shards 2 of 2; missing 1/,
  );
  assert.throws(
    () => checkShards(2, { reports: [{ path: "m.json", shard: null }] }),
    /cannot check 2 shards/,
  );
});

test("a --test-list shard is known by its blob, report or coverage file name (its config.shard is null)", () => {
  assert.deepEqual(shardFromFileName("all-blobs/report-2-of-3.zip"), { current: 2, total: 3 });
  assert.deepEqual(shardFromFileName("reports/results.shard-10-of-12.json"), { current: 10, total: 12 });
  assert.deepEqual(shardFromFileName("contract-coverage.shard-1-of-1.json"), { current: 1, total: 1 });
});

test("a name without i-of-n, or with it in a folder name, gives no shard (a folder must not make a shard)", () => {
  for (const path of [
    "reports/results.json",
    "blob/report-2.zip",
    "report-2-of-3.txt",
    "shard-1-of-2/results.json",
    "results.shard-x-of-3.json",
  ])
    assert.equal(shardFromFileName(path), null, path);
});
