import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { createPlaywrightProject } from "./createPlaywrightProject.ts";

// A throwaway project with the real coverage reporter and two contracts; nothing to boot
// (ASSAY_EXTERNAL_SERVER), no latency budgets: these runs are about which files the gate reads.
const COVERAGE = join(import.meta.dirname, "../../../contracts/src/coverageReporter.ts");
const schema = (id: string) =>
  JSON.stringify({
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `https://assay.dev/contracts/${id}.json`,
  });
const spec = (name: string, contract: string) => `import { test } from "@playwright/test";
for (const n of [1, 2, 3])
  test("${name} " + n, async () => {
    test.info().annotations.push({ type: "assay:contract", description: "${contract}" });
  });
`;
const project = createPlaywrightProject({
  "playwright.config.mjs": `const sharded = Boolean(process.env.ASSAY_SHARD);
export default {
  testDir: ".",
  workers: 1,
  reporter: [
    sharded ? ["blob"] : ["json", { outputFile: "reports/results.json" }],
    [${JSON.stringify(COVERAGE)}, { dir: "contracts" }],
  ],
};
`,
  "contracts/http/a.v1.json": schema("http/a.v1"),
  "contracts/http/b.v1.json": schema("http/b.v1"),
  "a.spec.ts": spec("uses a", "http/a.v1"),
  "b.spec.ts": spec("uses b", "http/b.v1"),
  "gate.config.json": JSON.stringify({ latency_p95_ms: { first_event: null, tool_call: null, run: null } }),
});
const env = { ASSAY_EXTERNAL_SERVER: "1", ASSAY_PORT: "4599" };

test("shards 2 then shards 3: the gate judges each run on its own files (it used to refuse the second with a shard-count mismatch)", () => {
  const two = project.e2e(["shards", "2"], env);
  assert.equal(two.status, 0, `${two.stdout}\n${two.stderr}`);
  assert.match(two.stdout, /\[assay\/gate\] PASS: 0 of 5 budgets failed — 6 tests: 6 passed/);
  const three = project.e2e(["shards", "3"], env);
  assert.equal(three.status, 0, `${three.stdout}\n${three.stderr}`);
  assert.match(three.stdout, /\[assay\/gate\] PASS: 0 of 5 budgets failed — 6 tests: 6 passed/);
  assert.match(
    three.stdout,
    /ignored reports\/contract-coverage\.shard-1-of-2\.json: written by another run/,
  );
  assert.deepEqual(
    readdirSync(join(project.dir, "reports"))
      .filter((n) => n.startsWith("contract-coverage"))
      .sort(),
    [1, 2]
      .map((i) => `contract-coverage.shard-${i}-of-2.json`)
      .concat([1, 2, 3].map((i) => `contract-coverage.shard-${i}-of-3.json`))
      .sort(),
    "the earlier run's files are still there: the gate ignores them, nothing deletes them",
  );
});

test("a 1-file run after a sharded one is judged on its own coverage, not on what the shards left (it passed at 2 of 2)", () => {
  const one = project.e2e(["a.spec.ts"], env);
  assert.equal(one.status, 0, one.stderr);
  const gate = project.gate(["--report", "reports/results.json"]);
  assert.equal(gate.status, 1, `${gate.stdout}\n${gate.stderr}`);
  assert.match(gate.stdout, /✗ contract_coverage: 0\.5 < 1 \(min\) — 1 of 2 schemas exercised/);
});
