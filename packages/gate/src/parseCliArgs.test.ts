import assert from "node:assert/strict";
import { test } from "node:test";
import { parseCliArgs } from "./parseCliArgs.ts";

test("flags take a separate or an inline value; --report repeats", () => {
  assert.deepEqual(
    parseCliArgs([
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
    ]),
    {
      report: ["a.json", "b.json"],
      shards: 3,
      out: "o",
      coverage: "c/",
      config: "g.json",
      baseline: "b.json",
      help: false,
    },
  );
  assert.deepEqual(parseCliArgs(["--help"]), { report: [], help: true });
});

test("bad arguments are one-line errors", () => {
  assert.throws(() => parseCliArgs(["--report", "a", "extra"]), /unknown argument "extra"/);
  assert.throws(() => parseCliArgs(["--report", "a", "--coverage="]), /--coverage needs a value/);
  assert.throws(
    () => parseCliArgs(["--report", "a", "--shards", "0"]),
    /--shards must be a whole number >= 1, got "0"/,
  );
  assert.throws(() => parseCliArgs(["--config", "g.json"]), /missing --report/);
});
