import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { childEnv } from "./env.ts";

const CLI = join(dirname(fileURLToPath(import.meta.url)), "cli.ts");
const made: string[] = [];
process.once("exit", () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** The result of one `assay-gate` child process. */
export type GateProcess = {
  status: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  verdict: Record<string, unknown> | null;
  dir: string;
};

/**
 * Test helper: writes `files` (path → JSON value or text) into a fresh temp folder, spawns the
 * gate CLI there (`node src/cli.ts …args`) as a real child process and collects exit code, output
 * and the files written under `reports/gate`. The folders are removed when the test process exits.
 *
 * @example
 * const run = spawnGate({ "report.json": buildReport([{ title: "ok" }]) }, ["--report", "report.json"]);
 * run.status; // 0
 */
export function spawnGate(
  files: Record<string, unknown>,
  args: readonly string[],
  env: Record<string, string> = {},
): GateProcess {
  const dir = mkdtempSync(join(tmpdir(), "assay-gate-"));
  made.push(dir);
  for (const [path, value] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), typeof value === "string" ? value : JSON.stringify(value, null, 2));
  }
  const child = spawnSync(process.execPath, [CLI, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...childEnv(), ...env },
  });
  const read = (p: string): string => (existsSync(join(dir, p)) ? readFileSync(join(dir, p), "utf8") : "");
  const verdictText = read("reports/gate/verdict.json");
  return {
    status: child.status,
    stdout: child.stdout,
    stderr: child.stderr,
    summary: read("reports/gate/summary.md"),
    verdict: verdictText ? (JSON.parse(verdictText) as Record<string, unknown>) : null,
    dir,
  };
}
