import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fakeResult } from "./fakeResult.ts";
import { runLoadCli } from "./runLoadCli.ts";

const dir = mkdtempSync(join(tmpdir(), "assay-load-cli-"));
const write = (name: string, value: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
};
const budgets = write("budgets.json", { latency_p95_ms: { run: 1000 }, min_samples: 5 });
const steady = (ms: number) => Array(50).fill(ms);

describe("assay-load CLI", () => {
  it("merges shard results into one verdict, and judges them against a baseline it refreshed on purpose", () => {
    write("result.shard-1-of-2.json", fakeResult({ run: steady(100) }, {}, "1/2"));
    write("result.shard-2-of-2.json", fakeResult({ run: steady(100) }, {}, "2/2"));
    const out = join(dir, "out");
    const merged = runLoadCli([
      "merge",
      dir,
      "--out",
      out,
      "--budgets",
      budgets,
      "--baseline",
      write("none.json", null),
    ]);
    assert.equal(merged.code, 2, "a baseline file that is not one is bad input");
    assert.match(merged.stderr, /^\[assay\/load\] baseline .* is not an assay-load baseline/);
    const first = runLoadCli([
      "merge",
      dir,
      "--out",
      out,
      "--budgets",
      budgets,
      "--baseline",
      join(dir, "absent.json"),
    ]);
    assert.equal(first.code, 2);
    const baselineOut = join(dir, "baseline.json");
    const stored = runLoadCli([
      "baseline",
      "--result",
      join(dir, "result.shard-1-of-2.json"),
      "--out",
      baselineOut,
    ]);
    assert.equal(stored.code, 0, stored.stderr);
    assert.match(stored.stdout, /baseline of smoke written to .*: 1 steps, machine ci-1/);
    const ok = runLoadCli(["merge", dir, "--out", out, "--budgets", budgets, "--baseline", baselineOut]);
    assert.equal(ok.code, 0, ok.stdout);
    assert.match(ok.stdout, /agents 20\/20 done/);
    assert.equal(JSON.parse(readFileSync(join(out, "result.json"), "utf8")).steps.run.count, 100);
    const slow = write("slow.json", fakeResult({ run: steady(115) }));
    const judged = runLoadCli([
      "judge",
      "--result",
      slow,
      "--out",
      out,
      "--budgets",
      budgets,
      "--baseline",
      baselineOut,
    ]);
    assert.equal(judged.code, 1);
    assert.match(judged.stdout, /✗ baseline run: p95 115\.\d+ ms is 15(\.\d)?% over the baseline/);
    assert.equal(JSON.parse(readFileSync(join(out, "verdict.json"), "utf8")).pass, false);
  });

  it("gives one line for bad input", () => {
    for (const argv of [[], ["judge"], ["judge", "--nope"], ["merge", "/nonexistent"], ["baseline"]]) {
      const { code, stderr } = runLoadCli(argv);
      assert.equal(code, 2, argv.join(" "));
      assert.match(stderr, /^\[assay\/load\] [^\n]+\n$/, argv.join(" "));
    }
    const bad = write("bad-budgets.json", { latency_p95_ms: { run: "fast" } });
    const { stderr } = runLoadCli(["judge", "--result", write("r.json", fakeResult({})), "--budgets", bad]);
    assert.match(stderr, /^\[assay\/load\] budgets file .*: \/latency_p95_ms\/run must be number,null/);
  });
});
