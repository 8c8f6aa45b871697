import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collectReportTests } from "./collectReportTests.ts";
import { playwrightCli } from "./playwrightCli.ts";
import { ShardsError } from "./ShardsError.ts";
import { assertSelectable } from "./testId.ts";

/**
 * The ids of the tests `playwright test …args` would run, from `--list --reporter=json`: it loads
 * the config and the spec files but boots no `webServer` and runs nothing (about a second here).
 * The same args as the real run, so `--project`, `--grep` or file filters narrow the plan too.
 *
 * @example
 * listTests(["--project=ws"], { cwd: process.cwd(), env: process.env });
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
