import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { FullResult, TestCase, TestResult } from "@playwright/test/reporter";
import { fakePart } from "./fakeResult.ts";
import type { LoadPart } from "./LoadResult.ts";
import LoadReporter, { LOAD_PART_ATTACHMENT } from "./loadReporter.ts";

const part = (runs: number): LoadPart =>
  fakePart(
    { run: Array.from({ length: 30 }, (_, i) => 20 + i) },
    {
      scenario: "reporter-test",
      runs: { started: runs, checked: runs, passed: runs, events: runs * 4, recovered: 0 },
    },
  );
const attempt = (p: LoadPart) =>
  ({
    attachments: [
      { name: LOAD_PART_ATTACHMENT, contentType: "application/json", body: Buffer.from(JSON.stringify(p)) },
    ],
  }) as unknown as TestResult;

// Fails when a retried test's first attempt is added to the result (its slice counted twice:
// the merge refuses it and the run ends without a verdict), or when the verdict does not name
// the Playwright run it judges (the release gate could not tell it from an older one).
test("the reporter keeps a retried test's last attempt and stamps the verdict with the run's start", async () => {
  const dir = mkdtempSync(join(tmpdir(), "assay-load-reporter-"));
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const reporter = new LoadReporter({}, { ASSAY_RUN_ID: "run-7" });
    const slice = { id: "slice-1" } as TestCase;
    reporter.onTestEnd(slice, attempt(part(3)));
    reporter.onTestEnd(slice, attempt(part(5)));
    const write = process.stdout.write;
    process.stdout.write = () => true;
    try {
      await reporter.onEnd({
        startTime: new Date("2026-01-01T00:00:00.000Z"),
        status: "passed",
        duration: 9000,
      } as FullResult);
    } finally {
      process.stdout.write = write;
    }
    const result = JSON.parse(readFileSync("reports/load/result.json", "utf8"));
    assert.equal(result.runs.started, 5);
    const verdict = JSON.parse(readFileSync("reports/load/verdict.json", "utf8"));
    assert.deepEqual(verdict.run, {
      started_at: "2026-01-01T00:00:00.000Z",
      id: "run-7",
      scenario: "reporter-test",
    });
  } finally {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
});
