import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { createPlaywrightProject } from "./createPlaywrightProject.ts";
import { readEnv } from "./env.ts";
import { planShards } from "./planShards.ts";
import { collectReportTests, listTests } from "./testList.ts";

// Two projects over the same files, nested describes, and a test that reports ASSAY_SHARD.
const project = createPlaywrightProject({
  "playwright.config.mjs":
    'export default { testDir: ".", workers: 1, projects: [{ name: "one" }, { name: "two" }] };\n',
  "a.spec.ts": `import { expect, test } from "@playwright/test";
test.describe("group", () => {
  test("first", async () => {
    test.info().annotations.push({ type: "shard", description: process.env.ASSAY_SHARD ?? "none" });
  });
  test.describe("inner", () => {
    test("second", async () => {});
  });
});
test("third", async () => {
  expect(process.env.FAIL).toBeUndefined();
});
`,
  "b.spec.ts": `import { test } from "@playwright/test";
test("fourth", async () => {});
test("fifth", async () => {});
`,
});
const ALL = ["one", "two"].flatMap((p) => [
  `[${p}] › a.spec.ts › group › first`,
  `[${p}] › a.spec.ts › group › inner › second`,
  `[${p}] › a.spec.ts › third`,
  `[${p}] › b.spec.ts › fourth`,
  `[${p}] › b.spec.ts › fifth`,
]);
const DURATIONS = {
  "[one] › a.spec.ts › third": 900,
  "[two] › b.spec.ts › fifth": 700,
  "[one] › b.spec.ts › fourth": 50,
};
const ran = (file: string) =>
  collectReportTests(JSON.parse(readFileSync(file, "utf8")))
    .map((t) => t.id)
    .sort();

test("listTests gives every test as a --test-list id, per project, without booting anything", () => {
  assert.deepEqual(listTests([], { cwd: project.dir, env: readEnv() }).sort(), [...ALL].sort());
  assert.deepEqual(listTests(["--project=two", "b.spec.ts"], { cwd: project.dir, env: readEnv() }).sort(), [
    "[two] › b.spec.ts › fifth",
    "[two] › b.spec.ts › fourth",
  ]);
});

test("--shard=i/n runs exactly its planned tests through a real --test-list file (none twice, none lost)", () => {
  writeFileSync(join(project.dir, "shard-durations.json"), JSON.stringify(DURATIONS));
  const plan = planShards(ALL, DURATIONS, 3);
  const seen: string[] = [];
  for (const i of [1, 2, 3]) {
    const json = join(project.dir, `out/results-${i}.json`);
    const run = project.e2e([`--shard=${i}/3`, "--reporter=json,blob"], {
      PLAYWRIGHT_JSON_OUTPUT_FILE: json,
      PLAYWRIGHT_BLOB_OUTPUT_DIR: join(project.dir, `blob-${i}`),
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`shard ${i}/3: ${plan[i - 1]?.tests.length} tests`));
    assert.deepEqual(ran(json), plan[i - 1]?.tests);
    // No config.shard with a test list: the wrapper names the blob after the shard.
    assert.ok(existsSync(join(project.dir, `blob-${i}/report-${i}-of-3.zip`)));
    seen.push(...ran(json));
    // The tests see ASSAY_SHARD=i/n: fixtures tag their data with it.
    const hasFirst = plan[i - 1]?.tests.some((id) => id.endsWith("› group › first"));
    assert.equal(readFileSync(json, "utf8").includes(`"description": "${i}/3"`), hasFirst);
  }
  assert.deepEqual(seen.sort(), [...ALL].sort());
  assert.equal(new Set(seen).size, ALL.length);
});

test("without --shard the args go to playwright test and its exit code comes back (a failing run must not exit 0)", () => {
  const json = join(project.dir, "out/all.json");
  const failing = project.e2e(["--reporter=json", "a.spec.ts", "--project=one"], {
    PLAYWRIGHT_JSON_OUTPUT_FILE: json,
    FAIL: "1",
  });
  assert.equal(failing.status, 1);
  assert.deepEqual(ran(json), ALL.slice(0, 3).sort());
  assert.equal(
    project.e2e(["--reporter=json", "b.spec.ts"], { PLAYWRIGHT_JSON_OUTPUT_FILE: json }).status,
    0,
  );
});

test("an empty shard, a bad listing and a test named like a describe block stop with one line, exit 2", () => {
  const empty = project.e2e(["--shard=2/11"]);
  assert.equal(empty.status, 2);
  assert.equal(
    empty.stderr,
    "[assay/shards] cannot split 10 tests into 11 shards: 1 shard would be empty; use at most 10 shards or widen the test selection\n",
  );
  const none = project.e2e(["--shard=1/2", "--grep=nothing-matches"]);
  assert.equal(none.status, 2);
  assert.equal(
    none.stderr,
    "[assay/shards] listing the tests failed (playwright test --list exited 1): Error: No tests found; fix that and rerun\n",
  );
  const twin = createPlaywrightProject({
    "playwright.config.mjs": 'export default { testDir: "." };\n',
    "c.spec.ts": `import { test } from "@playwright/test";
test.describe("dup", () => { test("x", async () => {}); });
test("dup", async () => {});
`,
  });
  const run = twin.e2e(["--shard=1/2"]);
  assert.equal(run.status, 2);
  assert.match(
    run.stderr,
    /^\[assay\/shards\] test "\[\] › c\.spec\.ts › dup" is named like the describe block around "\[\] › c\.spec\.ts › dup › x".*rename one of them\n$/,
  );
  const broken = createPlaywrightProject({ "playwright.config.mjs": "export default { testDir: '.' ;\n" });
  const bad = broken.e2e(["--shard=1/2"]);
  assert.equal(bad.status, 2);
  assert.match(
    bad.stderr,
    /^\[assay\/shards\] listing the tests failed \(playwright test --list exited 1\): .+; fix that and rerun\n$/,
  );
  assert.equal(bad.stderr.split("\n").length, 2);
});
