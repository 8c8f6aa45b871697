import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { median, readDurations, recordDurations } from "./durations.ts";

const dir = mkdtempSync(join(tmpdir(), "assay-durations-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const result = (duration: number, status = "passed") => ({ duration, status });
// The JSON reporter's shape: file suite → describe suites → specs → one test per project.
const REPORT = {
  config: {},
  stats: {},
  suites: [
    {
      title: "a.spec.ts",
      file: "a.spec.ts",
      specs: [
        {
          title: "retried",
          file: "a.spec.ts",
          tests: [
            { projectName: "one", results: [result(900, "failed"), result(300)] },
            { projectName: "two", results: [result(100), result(200), result(600)] },
          ],
        },
        {
          title: "skipped",
          file: "a.spec.ts",
          tests: [{ projectName: "one", results: [result(0, "skipped")] }],
        },
      ],
      suites: [
        {
          title: "group",
          file: "a.spec.ts",
          specs: [
            { title: "nested", file: "a.spec.ts", tests: [{ projectName: "one", results: [result(41.6)] }] },
          ],
          suites: [],
        },
      ],
    },
  ],
};

test("each test gets the median of its results' durations; skipped tests are left out", () => {
  writeFileSync(join(dir, "report.json"), JSON.stringify(REPORT));
  const out = join(dir, "durations.json");
  assert.equal(recordDurations(join(dir, "report.json"), out), 3);
  const text = readFileSync(out, "utf8");
  assert.equal(
    text,
    `${JSON.stringify(
      {
        "[one] › a.spec.ts › group › nested": 42,
        "[one] › a.spec.ts › retried": 600,
        "[two] › a.spec.ts › retried": 200,
      },
      null,
      2,
    )}\n`,
  );
  assert.deepEqual(readDurations(out), JSON.parse(text));
});

test("a report with no test that ran, or not a report at all, is an error naming the fix", () => {
  writeFileSync(
    join(dir, "skipped.json"),
    JSON.stringify({
      ...REPORT,
      suites: [{ ...REPORT.suites[0], suites: [], specs: [REPORT.suites[0]?.specs[1]] }],
    }),
  );
  assert.throws(() => recordDurations(join(dir, "skipped.json"), join(dir, "x.json")), {
    message:
      /^\[assay\/shards\] .*skipped\.json holds no test that ran; pass --from <the JSON report of a full run>/,
  });
  writeFileSync(join(dir, "coverage.json"), JSON.stringify({ schemas: [] }));
  assert.throws(() => recordDurations(join(dir, "coverage.json"), join(dir, "x.json")), {
    message: /coverage\.json is not a Playwright JSON report \(no suites\)/,
  });
});

test("a missing durations file is null (plan by count); a malformed one names the file, path and rule", () => {
  assert.equal(readDurations(join(dir, "none.json")), null);
  const cases: [string, RegExp][] = [
    [
      '{"[p] › a.spec.ts › t": "fast"}',
      /bad\.json: \["\[p\] › a\.spec\.ts › t"\] must be number \(type\), got "fast"; rewrite it with "assay-e2e record-durations"/,
    ],
    ['{"[p] › a.spec.ts › t": -1}', /must be >= 0 \(minimum\), got -1/],
    ['{"a.spec.ts › t": 1}', /bad\.json: \(root\) must match pattern .* \(pattern\)/],
    ["[1, 2]", /bad\.json: \(root\) must be object \(type\)/],
    ["{", /bad\.json is not JSON/],
  ];
  for (const [text, message] of cases) {
    writeFileSync(join(dir, "bad.json"), text);
    assert.throws(() => readDurations(join(dir, "bad.json")), { message }, text);
  }
});

test("median: the middle value, or the mean of the two middle ones (an unsorted pick would be wrong)", () => {
  assert.equal(median([30, 10, 20]), 20);
  assert.equal(median([40, 10, 20, 30]), 25);
  assert.equal(median([]), undefined);
});
