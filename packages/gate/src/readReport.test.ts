import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { crc32, deflateRawSync } from "node:zlib";
import { childEnv } from "./env.ts";
import { readBlobShards } from "./readBlobShards.ts";
import { readReport } from "./readReport.ts";

// Proves the parsing against the genuine format: two real Playwright shards (JSON + blob),
// then `playwright merge-reports --reporter=json` over the blobs.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const PLAYWRIGHT = join(ROOT, "node_modules/.bin/playwright");
const CLI = join(dirname(fileURLToPath(import.meta.url)), "cli.ts");
const dir = mkdtempSync(join(tmpdir(), "assay-gate-pw-"));
const latency = (step: string, ms: string) =>
  `test.info().annotations.push({ type: "assay:latency", description: JSON.stringify({ step: "${step}", ms: ${ms} }) });`;
const SPECS = {
  "a.spec.ts": `import { test, expect } from "@playwright/test";
test.describe("health", () => {
  test("passes", { annotation: { type: "assay:contract", description: "http/health.v1" } }, async () => {
    ${latency("run", "12")}
    ${latency("run", "12")}
    ${latency("first_event", "30")}
  });
  test("fails", async () => { expect(1).toBe(2); });
});
test.skip("skipped", async () => {});`,
  "b.spec.ts": `import { test, expect } from "@playwright/test";
test("flaky", async () => {
  ${latency("run", "100 + test.info().retry")}
  expect(test.info().retry).toBe(1);
});
test("tools", async () => { ${latency("tool_call", "40")} });`,
};
const OUTCOMES = {
  "unit › a.spec.ts › health › passes": "expected",
  "unit › a.spec.ts › health › fails": "unexpected",
  "unit › a.spec.ts › skipped": "skipped",
  "unit › b.spec.ts › flaky": "flaky",
  "unit › b.spec.ts › tools": "expected",
};

function playwright(args: string[], env: Record<string, string> = {}): string {
  const inherited = childEnv();
  const PATH = `${dirname(process.execPath)}:${inherited.PATH ?? ""}`;
  const run = spawnSync(PLAYWRIGHT, args, {
    cwd: dir,
    encoding: "utf8",
    env: { ...inherited, ...env, PATH, CI: "1" },
  });
  assert.ok(
    run.status === 0 || run.status === 1,
    `playwright ${args.join(" ")} exited ${run.status}: ${run.stderr}`,
  );
  return run.stdout;
}
const gate = (args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: "utf8", env: childEnv() });

before(() => {
  mkdirSync(join(dir, "node_modules/@playwright"), { recursive: true });
  symlinkSync(
    realpathSync(join(ROOT, "node_modules/@playwright/test")),
    join(dir, "node_modules/@playwright/test"),
  );
  writeFileSync(
    join(dir, "pw.config.mjs"),
    `export default { testDir: ".", retries: 1, workers: 1, projects: [{ name: "unit" }] };\n`,
  );
  for (const [name, text] of Object.entries(SPECS)) writeFileSync(join(dir, name), text);
  // This run records one sample a step and no contract coverage; these tests are about outcomes and shards.
  writeFileSync(
    join(dir, "gate.config.json"),
    JSON.stringify({ latency_min_samples: 1, allow_empty: ["contract_coverage"] }),
  );
  mkdirSync(join(dir, "blob"));
  for (const i of [1, 2]) {
    const env = {
      PLAYWRIGHT_JSON_OUTPUT_FILE: join(dir, `json/shard-${i}.json`),
      PLAYWRIGHT_BLOB_OUTPUT_DIR: join(dir, `blob-${i}`),
    };
    playwright(["test", "--config", "pw.config.mjs", "--reporter=blob,json", `--shard=${i}/2`], env);
    for (const zip of readdirSync(join(dir, `blob-${i}`)))
      copyFileSync(join(dir, `blob-${i}`, zip), join(dir, "blob", zip));
  }
  writeFileSync(
    join(dir, "merged.json"),
    playwright(["merge-reports", "--config", "pw.config.mjs", "--reporter=json", "blob"]),
  );
});

after(() => rmSync(dir, { recursive: true, force: true }));

test("real per-shard JSON reports give config.shard and each test's real outcome (failed, flaky, skipped)", () => {
  const reports = readReport([join(dir, "json")]);
  assert.deepEqual(
    reports.map((r) => r.shard),
    [
      { current: 1, total: 2 },
      { current: 2, total: 2 },
    ],
  );
  const outcomes = Object.fromEntries(reports.flatMap((r) => r.tests).map((t) => [t.id, t.outcome]));
  assert.deepEqual(outcomes, OUTCOMES);
});

test("the merged report yields the same tests and samples, none lost and none counted twice", () => {
  const [merged] = readReport([join(dir, "merged.json")]);
  assert.equal(merged?.shard, null);
  const tests = merged?.tests ?? [];
  assert.deepEqual(Object.fromEntries(tests.map((t) => [t.id, t.outcome])), OUTCOMES);
  const samples = (step: string) =>
    tests.flatMap((t) => t.latency.filter((l) => l.step === step).map((l) => l.ms)).sort((a, b) => a - b);
  assert.deepEqual(samples("run"), [12, 12, 100, 101]);
  assert.deepEqual(samples("first_event"), [30]);
  assert.deepEqual(samples("tool_call"), [40]);
  assert.deepEqual(
    tests.flatMap((t) => t.contracts),
    ["http/health.v1"],
  );
});

test("the gate fails the real run on its failing and flaky tests, merged or per shard", () => {
  const inputs = [
    ["--report", "merged.json", "--blobs", "blob"],
    ["--report", "json"],
  ];
  for (const [i, input] of inputs.entries()) {
    const run = gate([...input, "--shards", "2", "--out", `out-${i}`]);
    assert.equal(run.status, 1, run.stderr);
    assert.match(
      run.stdout,
      /FAIL: 3 of 8 budgets failed — 5 tests: 2 passed, 1 failed, 1 flaky, 1 skipped, 0 baselined/,
    );
    assert.match(
      run.stdout,
      /✗ pass_rate: 0\.75 < 1 \(min\) — .*\n {2}✗ flaky: 1 > 0 \(max\) — .*\n {2}✗ baseline: 1 > 0 \(max\) — 1 failure not in the baseline/,
    );
  }
  const wrong = gate(["--report", "json", "--shards", "3"]);
  assert.equal(wrong.status, 2);
  assert.match(
    wrong.stderr,
    /^\[assay\/gate\] shard count mismatch: .*shard 1 of 2 but 3 shards were expected/,
  );
});

test("blob reports give the shards of a merged report and expose an empty shard", async () => {
  assert.deepEqual(
    (await readBlobShards(join(dir, "blob"))).map((b) => [b.shard, b.tests]),
    [
      [{ current: 1, total: 2 }, 3],
      [{ current: 2, total: 2 }, 2],
    ],
  );
  // One file of two tests split three ways: the whole file goes to shard 1, shard 2 runs nothing.
  playwright(["test", "--config", "pw.config.mjs", "--reporter=blob", "--shard=2/3", "b.spec.ts"], {
    PLAYWRIGHT_BLOB_OUTPUT_DIR: join(dir, "empty"),
  });
  const run = gate(["--report", "merged.json", "--blobs", "empty"]);
  assert.equal(run.status, 2);
  assert.match(
    run.stderr,
    /^\[assay\/gate\] shard 2\/3 \(empty\/report-[\w-]*2\.zip\) ran 0 tests; check that job's/,
  );
});

test("shards run from --test-list files are told apart by their file names", async () => {
  // What assay-e2e --shard=i/2 does: Playwright gets a test list, not --shard, so config.shard
  // and the blob metadata's shard are null; the file names carry the shard instead.
  const lists = [
    [
      "[unit] › a.spec.ts › health › passes",
      "[unit] › a.spec.ts › health › fails",
      "[unit] › a.spec.ts › skipped",
    ],
    ["[unit] › b.spec.ts › flaky", "[unit] › b.spec.ts › tools"],
  ];
  mkdirSync(join(dir, "listed-blobs"));
  for (const [index, list] of lists.entries()) {
    const i = index + 1;
    writeFileSync(join(dir, `list-${i}.txt`), `${list.join("\n")}\n`);
    playwright(
      ["test", "--config", "pw.config.mjs", "--reporter=blob,json", "--test-list", `list-${i}.txt`],
      {
        PLAYWRIGHT_JSON_OUTPUT_FILE: join(dir, `listed/results.shard-${i}-of-2.json`),
        PLAYWRIGHT_BLOB_OUTPUT_DIR: join(dir, `listed-blob-${i}`),
        PLAYWRIGHT_BLOB_OUTPUT_NAME: `report-${i}-of-2.zip`,
      },
    );
    copyFileSync(
      join(dir, `listed-blob-${i}/report-${i}-of-2.zip`),
      join(dir, `listed-blobs/report-${i}-of-2.zip`),
    );
  }
  assert.deepEqual(
    (await readBlobShards(join(dir, "listed-blobs"))).map((b) => [b.shard, b.tests]),
    [
      [{ current: 1, total: 2 }, 3],
      [{ current: 2, total: 2 }, 2],
    ],
  );
  assert.deepEqual(
    readReport([join(dir, "listed")]).map((r) => [r.shard, r.tests.length]),
    [
      [{ current: 1, total: 2 }, 3],
      [{ current: 2, total: 2 }, 2],
    ],
  );
  writeFileSync(
    join(dir, "listed-merged.json"),
    playwright(["merge-reports", "--config", "pw.config.mjs", "--reporter=json", "listed-blobs"]),
  );
  const run = gate([
    "--report",
    "listed-merged.json",
    "--blobs",
    "listed-blobs",
    "--shards",
    "2",
    "--out",
    "listed-out",
  ]);
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /FAIL: 3 of 8 budgets failed — 5 tests: 2 passed, 1 failed, 1 flaky, 1 skipped/);
  const wrong = gate(["--report", "listed-merged.json", "--blobs", "listed-blobs", "--shards", "3"]);
  assert.equal(wrong.status, 2);
  assert.match(
    wrong.stderr,
    /^\[assay\/gate\] shard count mismatch: .*report-1-of-2\.zip is shard 1 of 2 but 3/,
  );
});

test("a blob whose report.jsonl is over the read limit, or inflates past its declared size, is refused", async () => {
  const [zip] = readdirSync(join(dir, "blob"))
    .filter((name) => name.endsWith(".zip"))
    .map((name) => join(dir, "blob", name));
  await assert.rejects(readBlobShards(zip ?? "", 100), {
    message:
      /^\[assay\/gate\] .*\.zip holds a report\.jsonl of \d+ bytes, over the 100-byte limit; pass the zips written by --reporter=blob$/,
  });
  // A zip bomb's header understates its size; the inflate stops at the declared size.
  const bomb = join(dir, "bomb.zip");
  writeFileSync(bomb, understatedZip("report.jsonl", `${'{"method":"onTestEnd"}\n'.repeat(1000)}`));
  await assert.rejects(readBlobShards(bomb), {
    message: /bomb\.zip has a damaged report\.jsonl \(too many bytes in the stream/,
  });
  writeFileSync(join(dir, "junk.zip"), "not a zip");
  await assert.rejects(readBlobShards(join(dir, "junk.zip")), { message: /junk\.zip is not a readable zip/ });
});

/** One deflated entry whose headers claim 10 bytes uncompressed (what a zip bomb does). */
function understatedZip(name: string, text: string): Buffer {
  const data = deflateRawSync(Buffer.from(text));
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc32(Buffer.from(text)), 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(10, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc32(Buffer.from(text)), 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(10, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const offset = 30 + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + nameBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}
