import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, mock, test } from "node:test";
import type { FullConfig, TestCase, TestResult } from "@playwright/test/reporter";
import CoverageReporter from "./coverageReporter.ts";
import { createRegistry } from "./createRegistry.ts";

const ids = createRegistry({ dir: join(import.meta.dirname, "..") }).ids();
const root = mkdtempSync(join(tmpdir(), "assay-coverage-"));
after(() => rmSync(root, { recursive: true, force: true }));

type Annotation = { type: string; description?: string };
// Synthetic objects carrying only what the reporter reads; the real ones come from the runner.
let nextId = 0;
const testCase = (annotations: Annotation[]) => ({ id: `t${nextId++}`, annotations }) as unknown as TestCase;
const testResult = (annotations: Annotation[]) =>
  ({ status: "passed", annotations }) as unknown as TestResult;
const STARTED = new Date("2026-03-01T10:00:00.000Z");
const config = (shard: FullConfig["shard"]) => ({ shard }) as FullConfig;

type RunOptions = {
  shard?: FullConfig["shard"];
  exercised: string[];
  option?: string;
  env?: Record<string, string>;
  openapi?: string;
};

function run(options: RunOptions, outputFile: string) {
  const shard = options.option === undefined ? {} : { shard: options.option };
  const openapi = options.openapi === undefined ? {} : { openapi: options.openapi };
  const reporter = new CoverageReporter({ outputFile, ...shard, ...openapi }, options.env ?? {});
  reporter.onBegin(config(options.shard ?? null));
  const [first, ...rest] = options.exercised;
  // One id on the test case, the rest on results, repeated ids and other annotations mixed in.
  reporter.onTestEnd(testCase(first ? [{ type: "assay:contract", description: first }] : []), testResult([]));
  for (const id of rest) {
    reporter.onTestEnd(
      testCase([{ type: "issue", description: "#12" }]),
      testResult([
        { type: "assay:contract", description: id },
        { type: "assay:contract", description: id },
      ]),
    );
  }
  const write = mock.method(process.stdout, "write", () => true);
  try {
    reporter.onEnd({ startTime: STARTED });
  } finally {
    write.mock.restore();
  }
  return write.mock.calls.map((call) => String(call.arguments[0])).join("");
}

test("prints full coverage and writes the JSON report the gate reads (no file: the gate has nothing to judge)", () => {
  const file = join(root, "full", "contract-coverage.json");
  assert.equal(run({ exercised: ids }, file), "Contract coverage: 83/83 schemas (100%)\n");
  const report = JSON.parse(readFileSync(file, "utf8"));
  assert.deepEqual(Object.keys(report), [
    "run",
    "schemas",
    "exercised",
    "missing",
    "percent",
    "generated_at",
  ]);
  assert.deepEqual(report.schemas, ids);
  assert.deepEqual(report.exercised, ids);
  assert.deepEqual(report.missing, []);
  assert.equal(report.percent, 100);
  assert.ok(Math.abs(Date.parse(report.generated_at) - Date.now()) < 60_000);
});

test("lists the missing ids and rounds the percent down (a run missing one schema never shows 100%)", () => {
  const file = join(root, "partial", "contract-coverage.json");
  const exercised = ids.filter((id) => id !== "ws/pong.v1" && id !== "http/user.v1");
  assert.equal(
    run({ exercised }, file),
    "Contract coverage: 81/83 schemas (97.5%)\n  missing: http/user.v1, ws/pong.v1\n",
  );
  const report = JSON.parse(readFileSync(file, "utf8"));
  assert.deepEqual(report.missing, ["http/user.v1", "ws/pong.v1"]);
  assert.equal(report.percent, 97.5);
  const third = join(root, "third", "c.json");
  // Fails when a run of one spec prints every id it did not touch: many are counted, not listed.
  assert.match(
    run({ exercised: ids.slice(0, 13) }, third),
    /^Contract coverage: 13\/83 schemas \(15.6%\)\n {2}missing: 70 \(each listed in .*\)\n$/,
  );
  assert.equal(JSON.parse(readFileSync(third, "utf8")).percent, 15.6);
});

test("writes the shard into the file name on sharded runs (shards must not overwrite each other's file)", () => {
  const file = join(root, "sharded", "contract-coverage.json");
  run({ shard: { current: 2, total: 3 }, exercised: ["ws/pong.v1"] }, file);
  const report = JSON.parse(
    readFileSync(join(root, "sharded", "contract-coverage.shard-2-of-3.json"), "utf8"),
  );
  assert.deepEqual(report.exercised, ["ws/pong.v1"]);
  assert.equal(report.percent, 1.2);
});

test("names the file from ASSAY_SHARD or the shard option when Playwright's config.shard is null", () => {
  const dir = join(root, "listed");
  run({ env: { ASSAY_SHARD: "3/4" }, exercised: ["ws/pong.v1"] }, join(dir, "contract-coverage.json"));
  assert.deepEqual(readdirSync(dir), ["contract-coverage.shard-3-of-4.json"]);
  // The option wins over the environment, and the environment over config.shard.
  run(
    { option: "1/2", env: { ASSAY_SHARD: "3/4" }, shard: { current: 2, total: 2 }, exercised: [] },
    join(dir, "contract-coverage.json"),
  );
  run({ env: { ASSAY_SHARD: "1/1" }, shard: { current: 2, total: 2 }, exercised: [] }, join(dir, "c.json"));
  assert.deepEqual(readdirSync(dir).sort(), [
    "c.json",
    "contract-coverage.shard-1-of-2.json",
    "contract-coverage.shard-3-of-4.json",
  ]);
  assert.throws(() => run({ env: { ASSAY_SHARD: "two" }, exercised: [] }, join(dir, "x.json")), {
    message: /^\[assay\/contracts\] coverage reporter: shard must be i\/n \(e\.g\. 2\/3\), got "two"$/,
  });
});

test("names the run that wrote it, so the gate never mixes in a file an earlier run left behind", () => {
  const file = join(root, "run", "contract-coverage.json");
  run(
    { env: { ASSAY_RUN_ID: "run-7", ASSAY_SHARD: "2/3" }, exercised: ["ws/pong.v1", "http/user.v1"] },
    file,
  );
  const report = JSON.parse(readFileSync(join(root, "run", "contract-coverage.shard-2-of-3.json"), "utf8"));
  assert.deepEqual(report.run, {
    id: "run-7",
    shard: "2/3",
    started_at: "2026-03-01T10:00:00.000Z",
    tests: 2,
  });
});

// Catches a user's OpenAPI checks counted among contracts/ (padding or lowering its figure), or lost.
test("counts OpenAPI contracts in a list of their own, never in the contracts dir's", () => {
  const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
  const document = join(root, "openapi.json");
  writeFileSync(
    document,
    JSON.stringify({
      openapi: "3.1.0",
      paths: {
        "/a": { get: { operationId: "getA", responses: { "200": json({}), "4XX": json({}) } } },
        "/b": { get: { operationId: "getB", responses: { "200": json({}) } } },
      },
    }),
  );
  const checks = [...ids, "openapi:getA#200", "openapi:getA#404"];
  const file = join(root, "openapi", "contract-coverage.json");
  assert.equal(
    run({ exercised: checks, openapi: document }, file),
    "Contract coverage: 83/83 schemas (100%)\nOpenAPI coverage: 2/3 responses (66.6%)\n  missing: openapi:getB#200\n",
  );
  const report = JSON.parse(readFileSync(file, "utf8"));
  assert.deepEqual(report.exercised, ids);
  assert.deepEqual(report.openapi, {
    document,
    schemas: ["openapi:getA#200", "openapi:getA#4XX", "openapi:getB#200"],
    exercised: ["openapi:getA#200", "openapi:getA#4XX"],
    missing: ["openapi:getB#200"],
    percent: 66.6,
  });
  assert.equal(
    run({ exercised: checks }, join(root, "openapi", "no-document.json")),
    "Contract coverage: 83/83 schemas (100%)\n  also checked: 2 OpenAPI contracts, not counted here (the reporter's openapi option counts them)\n",
  );
});
