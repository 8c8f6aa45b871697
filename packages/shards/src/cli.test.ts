import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";

const CLI = join(import.meta.dirname, "cli.ts");
const e2e = (args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: import.meta.dirname });

test("a bad argument is one line naming it and exit 2, before anything runs (not a Playwright error or a test filter)", () => {
  const cases: [string[], RegExp][] = [
    [
      ["--shard=4/3"],
      /^\[assay\/shards\] --shard must be i\/n with 1 ≤ i ≤ n, e\.g\. --shard=2\/3; got "4\/3"$/,
    ],
    [["--shard=0/3"], /got "0\/3"$/],
    [["--shard=two"], /got "two"$/],
    [["--shard"], /^\[assay\/shards\] --shard needs a value; usage: assay-e2e /],
    [["--shard=1/2", "--shard", "2/2"], /^\[assay\/shards\] --shard given twice \(1\/2, 2\/2\); keep one$/],
    [
      ["--shard=1/2", "--test-list", "x.txt"],
      /^\[assay\/shards\] --shard picks the tests through its own --test-list/,
    ],
    [
      ["--projects=ws"],
      /^\[assay\/shards\] unknown option --projects \(neither assay-e2e's nor playwright test's\); usage: /,
    ],
    [["--list=yes"], /^\[assay\/shards\] --list takes no value; usage: /],
    [["shards"], /^\[assay\/shards\] "shards" needs a shard count ≥ 1, got nothing; usage: assay-e2e /],
    [["shards", "0"], /"shards" needs a shard count ≥ 1, got 0;/],
    [["shards", "2x"], /"shards" needs a shard count ≥ 1, got 2x;/],
    [["shards", "3", "--grepp", "x"], /^\[assay\/shards\] unknown option --grepp /],
    [
      ["shards", "3", "--shard=1/3"],
      /^\[assay\/shards\] "shards 3" runs every shard itself; drop --shard=1\/3$/,
    ],
    [["record-durations", "--from"], /^\[assay\/shards\] record-durations: --from needs a value; usage: /],
    [["record-durations", "--to", "x"], /^\[assay\/shards\] record-durations: unknown option --to; usage: /],
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

test("--help prints the commands and every ASSAY_* variable a run reads, exit 0", () => {
  for (const args of [["--help"], ["-h"], ["shards", "--help"], ["record-durations", "--help"]]) {
    const run = e2e(args);
    assert.equal(run.status, 0, args.join(" "));
    assert.match(run.stdout, /^usage: assay-e2e /);
    for (const name of [
      "ASSAY_TARGET",
      "ASSAY_BASE_URL",
      "ASSAY_WS_URL",
      "ASSAY_ADMIN_TOKEN",
      "ASSAY_DATABASE_URL",
      "ASSAY_USERS",
      "ASSAY_PORT",
      "ASSAY_RUN_ID",
      "ASSAY_SHARD",
      "ASSAY_WORKERS",
      "ASSAY_EXTERNAL_SERVER",
      "DATABASE_URL",
    ])
      assert.ok(run.stdout.includes(name), `${args.join(" ")}: ${name}`);
  }
});
