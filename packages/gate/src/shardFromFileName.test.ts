import assert from "node:assert/strict";
import { test } from "node:test";
import { shardFromFileName } from "./shardFromFileName.ts";

test("reads the shard from blob, report and coverage names", () => {
  assert.deepEqual(shardFromFileName("all-blobs/report-2-of-3.zip"), { current: 2, total: 3 });
  assert.deepEqual(shardFromFileName("reports/results.shard-10-of-12.json"), { current: 10, total: 12 });
  assert.deepEqual(shardFromFileName("contract-coverage.shard-1-of-1.json"), { current: 1, total: 1 });
});

test("a name without i-of-n, or with it outside the file name, gives no shard", () => {
  for (const path of [
    "reports/results.json",
    "blob/report-2.zip",
    "report-2-of-3.txt",
    "shard-1-of-2/results.json",
    "results.shard-x-of-3.json",
  ])
    assert.equal(shardFromFileName(path), null, path);
});
