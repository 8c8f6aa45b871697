import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { playwrightCli } from "./runProcess.ts";
import { ShardsError } from "./ShardsError.ts";

/** The separator Playwright's `--test-list` loader splits a line on. */
const SEPARATOR = " › ";

/**
 * A test's id in the form Playwright's `--test-list` file reads back:
 * `[project] › path/from/rootDir.spec.ts › describe… › title`. The loader splits each line on `›`
 * and trims every token, so a title holding `›` or padded with spaces could never be selected:
 * such a title is refused here rather than silently dropped from its shard.
 *
 * @example
 * testId("ws", "packages/ws/suites/session.spec.ts", ["ping gets pong"]);
 * // "[ws] › packages/ws/suites/session.spec.ts › ping gets pong"
 */
export function testId(project: string, file: string, titles: readonly string[]): string {
  // A project may be unnamed ("[]"); a file or title may not be empty.
  for (const part of [project || "-", file, ...titles]) {
    if (part.includes("›") || part !== part.trim() || part === "")
      throw new ShardsError(
        `test "${[file, ...titles].join(SEPARATOR)}" cannot go in a --test-list file: a title (or project) is empty, padded with spaces or holds "›"; rename it`,
      );
  }
  return [`[${project}]`, file, ...titles].join(SEPARATOR);
}

/**
 * Throws when one id would select another: a `--test-list` line also matches every test whose
 * title path it prefixes, so a test named like a `describe` block beside it would pull that
 * block's tests into its shard and run them twice.
 *
 * @example
 * assertSelectable(["[p] › a.spec.ts › group", "[p] › a.spec.ts › group › first"]); // throws
 */
export function assertSelectable(ids: readonly string[]): void {
  const all = new Set(ids);
  for (const id of ids) {
    const parts = id.split(SEPARATOR);
    // parts: [project], file, titles…; only title prefixes can collide.
    for (let k = 3; k < parts.length; k++) {
      const prefix = parts.slice(0, k).join(SEPARATOR);
      if (all.has(prefix))
        throw new ShardsError(
          `test "${prefix}" is named like the describe block around "${id}", so a --test-list line cannot pick one without the other; rename one of them`,
        );
    }
  }
}

/** One test of a Playwright JSON report: its `--test-list` id and the durations of its runs. */
export type ReportTest = { id: string; durations: number[] };

type JsonResult = { duration?: number; status?: string };
type JsonSpec = { title: string; file: string; tests?: { projectName?: string; results?: JsonResult[] }[] };
type JsonSuite = { title: string; specs?: JsonSpec[]; suites?: JsonSuite[] };

/**
 * Walks a Playwright JSON report (`--reporter=json`, `--list --reporter=json` or
 * `merge-reports --reporter=json`): file suites → describe suites → specs → one test per
 * project. Each test appears once, with the durations of its non-skipped results (none for a
 * `--list` report); a test seen twice (`--repeat-each`) pools its durations.
 *
 * @example
 * collectReportTests(JSON.parse(readFileSync("reports/results.json", "utf8")));
 * // [{ id: "[ws] › packages/ws/suites/session.spec.ts › ping gets pong", durations: [212] }, …]
 */
export function collectReportTests(report: { suites?: JsonSuite[] }): ReportTest[] {
  const tests = new Map<string, number[]>();
  const walk = (suite: JsonSuite, titles: string[]): void => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const id = testId(test.projectName ?? "", spec.file, [...titles, spec.title]);
        const durations = tests.get(id) ?? [];
        for (const result of test.results ?? []) {
          if (result.status !== "skipped" && typeof result.duration === "number")
            durations.push(result.duration);
        }
        tests.set(id, durations);
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  // A top-level suite is a file: its title is the path, which the spec's `file` already gives.
  for (const file of report.suites ?? []) walk(file, []);
  return [...tests].map(([id, durations]) => ({ id, durations }));
}

/**
 * The ids of the tests `playwright test …args` would run, from `--list --reporter=json`: it loads
 * the config and the spec files but boots no `webServer` and runs nothing (about a second here).
 * The same args as the real run, so `--project`, `--grep` or file filters narrow the plan too.
 *
 * @example
 * listTests(["--project=ws"], { cwd: process.cwd(), env: readEnv() });
 * // ["[ws] › packages/ws/suites/auth.spec.ts › an upgrade without a token is refused …", …]
 */
export function listTests(
  args: readonly string[],
  options: { cwd: string; env: Readonly<Record<string, string | undefined>> },
): string[] {
  const dir = mkdtempSync(join(tmpdir(), "assay-list-"));
  const file = join(dir, "list.json");
  try {
    const run = spawnSync(
      process.execPath,
      [playwrightCli(options.cwd), "test", ...args, "--list", "--reporter=json"],
      {
        cwd: options.cwd,
        env: { ...options.env, PLAYWRIGHT_JSON_OUTPUT_FILE: file, PLAYWRIGHT_JSON_OUTPUT_NAME: undefined },
        encoding: "utf8",
      },
    );
    if (run.status !== 0) {
      const lines = `${run.stderr}\n${run.stdout}`
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean);
      throw new ShardsError(
        `listing the tests failed (playwright test --list exited ${run.status ?? run.signal}): ${lines[0] ?? "no output"}; fix that and rerun`,
      );
    }
    const ids = collectReportTests(JSON.parse(readFileSync(file, "utf8"))).map((t) => t.id);
    assertSelectable(ids);
    return ids;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Writes a `--test-list` file: one test id per line, after a comment saying where it came from
 * (Playwright skips lines starting with `#`).
 *
 * @example
 * writeTestList(".assay/shards/1/tests.txt", plan[0].tests, "shard 1/3");
 */
export function writeTestList(file: string, tests: readonly string[], label: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `# ${label}: written by assay-e2e from the shard plan\n${tests.join("\n")}\n`);
}
