import assert from "node:assert/strict";
import { test } from "node:test";
import { buildReport } from "./buildReport.ts";
import { collectTests } from "./collectTests.ts";

test("test ids carry project, file and describe titles (else two projects' tests would merge into one)", () => {
  const report = buildReport([
    { title: "a", project: "chromium", file: "s/x.spec.ts", describe: ["outer", "inner"] },
    { title: "a", project: "firefox", file: "s/x.spec.ts", describe: ["outer", "inner"] },
    { title: "b", file: "s/y.spec.ts" },
  ]);
  assert.deepEqual(
    collectTests(report, "r.json").map((t) => t.id),
    [
      "chromium › s/x.spec.ts › outer › inner › a",
      "firefox › s/x.spec.ts › outer › inner › a",
      "api › s/y.spec.ts › b",
    ],
  );
});

test("annotations mirrored on the test are not counted twice; repeated ones within a result are", () => {
  const report = buildReport([
    {
      title: "a",
      latency: [
        ["run", 5],
        ["run", 5],
      ],
      contracts: ["http/health.v1"],
      leaks: ["l"],
    },
  ]);
  const [t] = collectTests(report, "r.json");
  assert.deepEqual(t?.latency, [
    { step: "run", ms: 5 },
    { step: "run", ms: 5 },
  ]);
  assert.deepEqual(t?.contracts, ["http/health.v1"]);
  assert.deepEqual(t?.leaks, ["l"]);
});

test("a test listed twice (repeatEach) keeps its worst outcome and all samples", () => {
  const report = buildReport([
    { title: "a", latency: [["run", 1]] },
    { title: "a", outcome: "flaky", latency: [["run", 2]] },
  ]);
  assert.deepEqual(collectTests(report, "r.json"), [
    {
      id: "api › suites/example.spec.ts › a",
      outcome: "flaky",
      latency: [
        { step: "run", ms: 1 },
        { step: "run", ms: 2 },
      ],
      contracts: [],
      leaks: [],
    },
  ]);
});

test("a malformed latency annotation or report shape is bad input naming where", () => {
  const report = buildReport([{ title: "a" }]) as {
    suites: { specs: { tests: { annotations: unknown[] }[] }[] }[];
  };
  report.suites[0]?.specs[0]?.tests[0]?.annotations.push({ type: "assay:latency", description: "fast" });
  assert.throws(
    () => collectTests(report, "r.json"),
    /test "api › suites\/example\.spec\.ts › a" has a malformed assay:latency annotation "fast"/,
  );
  assert.throws(
    () => collectTests({ suites: [{ title: "x" }] }, "r.json"),
    /r\.json is not a Playwright JSON report: suites\[0\]\.specs is not an array/,
  );
});
