import assert from "node:assert/strict";
import { test } from "node:test";
import { parseGateArgs } from "./parseGateArgs.ts";

test("flags take a separate or an inline value and --report repeats (a dropped report would go unjudged)", () => {
  assert.deepEqual(
    parseGateArgs([
      "--report",
      "a.json",
      "--report=b.json",
      "--shards=3",
      "--out",
      "o",
      "--coverage",
      "c/",
      "--config",
      "g.json",
      "--baseline",
      "b.json",
      "--blobs",
      "all-blobs",
    ]),
    {
      report: ["a.json", "b.json"],
      shards: 3,
      out: "o",
      coverage: "c/",
      config: "g.json",
      baseline: "b.json",
      blobs: "all-blobs",
      help: false,
    },
  );
  assert.deepEqual(parseGateArgs(["--help"]), { report: [], help: true });
  assert.deepEqual(parseGateArgs(["-h"]), { report: [], help: true });
});

test("a typo, a stray argument or a missing value is a one-line error naming it, not a silent default", () => {
  const cases: [string[], RegExp][] = [
    [["--report", "a", "--shard", "3"], /^\[assay\/gate\] unknown option --shard; usage: assay-gate /],
    [["--report", "a", "extra"], /^\[assay\/gate\] unexpected argument "extra"; usage:/],
    [["--report"], /^\[assay\/gate\] --report needs a value; usage:/],
    [["--report", "a", "--out", "--shards", "2"], /^\[assay\/gate\] --out needs a value/],
    [["--report", "a", "--coverage="], /^\[assay\/gate\] --coverage needs a value/],
    [["--report", "a", "--help=yes"], /^\[assay\/gate\] --help takes no value/],
    [["--report", "a", "--shards", "0"], /--shards must be a whole number >= 1, got "0"/],
    [["--config", "g.json"], /missing --report/],
  ];
  for (const [argv, message] of cases)
    assert.throws(
      () => parseGateArgs(argv),
      (error: Error) => message.test(error.message) && !error.message.includes("\n"),
      argv.join(" "),
    );
});
