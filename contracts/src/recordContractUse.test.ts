import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { promisify } from "node:util";
import { annotate } from "./annotate.ts";
import { recordContractUse } from "./recordContractUse.ts";

const contractsRoot = join(import.meta.dirname, "..");
const root = mkdtempSync(join(tmpdir(), "assay-record-"));
after(() => rmSync(root, { recursive: true, force: true }));

test("outside a Playwright test it records nothing and does not throw", () => {
  assert.equal(recordContractUse("http/health.v1"), undefined);
});

test("inside a real Playwright run it annotates each id once per test and the reporter counts them", async () => {
  // The spec must load the runner's own copy of @playwright/test, so it resolves through ours.
  symlinkSync(join(contractsRoot, "node_modules"), join(root, "node_modules"), "dir");
  writeFileSync(join(root, "package.json"), '{ "type": "module" }');
  const health = JSON.stringify({
    status: "healthy",
    database_status: "connected",
    connection_pool: { max: 1, total: 1, idle: 1, waiting: 0, utilization_percent: 0 },
    circuit_breaker: "closed",
    uptime_seconds: 1,
    version: "1",
  });
  writeFileSync(
    join(root, "record.spec.ts"),
    `import { expect as base, test } from "@playwright/test";
import { toMatchContract } from ${JSON.stringify(join(import.meta.dirname, "index.ts"))};
const expect = base.extend({ toMatchContract });
test("health", async () => {
  await expect(${health}).toMatchContract("http/health.v1");
  await expect(${health}).toMatchContract("http/health.v1");
  await expect({ type: "pong" }).not.toMatchContract("ws/pong.v1");
});
test("nothing", () => {});
`,
  );
  writeFileSync(
    join(root, "playwright.config.ts"),
    `export default {
  testDir: ".",
  reporter: [
    ["json", { outputFile: "results.json" }],
    [${JSON.stringify(join(import.meta.dirname, "coverageReporter.ts"))}, { outputFile: "out/coverage.json" }],
  ],
};
`,
  );
  const cli = join(contractsRoot, "node_modules", "@playwright", "test", "cli.js");
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [cli, "test", "--config", "playwright.config.ts"],
    {
      cwd: root,
      env: { ...process.env, CI: "1", FORCE_COLOR: "0" },
    },
  );
  assert.match(
    stdout,
    /^Contract coverage: 2\/83 schemas \(2.4%\)\n {2}missing: 81 \(each listed in out\/coverage\.json\)$/m,
  );
  const coverage = JSON.parse(readFileSync(join(root, "out", "coverage.json"), "utf8"));
  assert.deepEqual(coverage.exercised, ["http/health.v1", "ws/pong.v1"]);
  const results = JSON.parse(readFileSync(join(root, "results.json"), "utf8"));
  const [healthAnnotations, nothing] = results.suites[0].specs.map(
    (spec: { tests: Array<{ results: Array<{ annotations: unknown[] }> }> }) =>
      spec.tests[0]?.results[0]?.annotations,
  );
  assert.deepEqual(healthAnnotations, [
    { type: "assay:contract", description: "http/health.v1" },
    { type: "assay:contract", description: "ws/pong.v1" },
  ]);
  assert.deepEqual(nothing, []);
});

test("annotate adds nothing outside a Playwright test and says so", () => {
  assert.equal(annotate("assay:latency", '{"step":"run","ms":1}'), false);
});
