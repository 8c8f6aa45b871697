import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";

const CLI = join(import.meta.dirname, "cli.ts");
const e2e = (args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: import.meta.dirname });

test("argument errors print one line naming the problem and exit 2, before running anything", () => {
  const cases: [string[], RegExp][] = [
    [
      ["--shard=4/3"],
      /^\[assay\/shards\] --shard must be i\/n with 1 ≤ i ≤ n, e\.g\. --shard=2\/3; got "4\/3"$/,
    ],
    [["--shard=0/3"], /got "0\/3"$/],
    [["--shard=two"], /got "two"$/],
    [["--shard"], /^\[assay\/shards\] --shard needs a value i\/n, e\.g\. --shard=2\/3$/],
    [["--shard=1/2", "--shard", "2/2"], /^\[assay\/shards\] --shard given twice \(1\/2, 2\/2\); keep one$/],
    [
      ["--shard=1/2", "--test-list", "x.txt"],
      /^\[assay\/shards\] --shard picks the tests through its own --test-list/,
    ],
    [["shards"], /^\[assay\/shards\] "shards" needs a shard count ≥ 1, got nothing; usage: assay-e2e /],
    [["shards", "0"], /"shards" needs a shard count ≥ 1, got 0;/],
    [["shards", "2x"], /"shards" needs a shard count ≥ 1, got 2x;/],
    [
      ["shards", "3", "--shard=1/3"],
      /^\[assay\/shards\] "shards 3" runs every shard itself; drop --shard=1\/3$/,
    ],
    [["record-durations", "--from"], /^\[assay\/shards\] --from needs a file; usage: /],
    [["record-durations", "--to", "x"], /^\[assay\/shards\] record-durations does not take "--to"; usage: /],
    [
      ["record-durations", "--from", "missing.json"],
      /^\[assay\/shards\] cannot read report missing\.json \(ENOENT\); pass --from /,
    ],
  ];
  for (const [args, message] of cases) {
    const run = e2e(args);
    assert.equal(run.status, 2, args.join(" "));
    assert.equal(run.stdout, "", args.join(" "));
    assert.equal(run.stderr.split("\n").length, 2, `one line for ${args.join(" ")}: ${run.stderr}`);
    assert.match(run.stderr.trimEnd(), message, args.join(" "));
  }
});
