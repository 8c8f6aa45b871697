import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readEnv } from "./env.ts";

const ROOT = resolve(import.meta.dirname, "../../..");
const CLI = join(import.meta.dirname, "cli.ts");
const GATE = fileURLToPath(import.meta.resolve("@assay/gate/cli"));
const made: string[] = [];
process.once("exit", () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

type ChildRun = { status: number | null; stdout: string; stderr: string };
/** A throwaway Playwright project and a way to run `assay-e2e` and the gate in it. */
export type PlaywrightProject = {
  dir: string;
  /** Runs `node src/cli.ts …args` with the project as cwd, as a real child process. */
  e2e: (args: readonly string[], env?: Record<string, string>) => ChildRun;
  /** Runs the gate CLI with the project as cwd. */
  gate: (args: readonly string[]) => ChildRun;
};

/**
 * Test helper: writes `files` (path → text) and a `node_modules/@playwright/test` link into a
 * fresh temp folder, so the wrapper runs the real Playwright there. Removed when the process exits.
 *
 * @example
 * const project = createPlaywrightProject({ "playwright.config.mjs": "export default {};", "a.spec.ts": "…" });
 * project.e2e(["--shard=1/2"]).status; // 0
 */
export function createPlaywrightProject(files: Record<string, string>): PlaywrightProject {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "assay-shards-")));
  made.push(dir);
  mkdirSync(join(dir, "node_modules/@playwright"), { recursive: true });
  symlinkSync(
    realpathSync(join(ROOT, "node_modules/@playwright/test")),
    join(dir, "node_modules/@playwright/test"),
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const run = (cli: string, args: readonly string[], env: Record<string, string> = {}): ChildRun => {
    // Our own shard variables must not leak into the project's runs.
    const {
      ASSAY_SHARD: _s,
      PLAYWRIGHT_BLOB_OUTPUT_NAME: _b,
      PLAYWRIGHT_JSON_OUTPUT_NAME: _j,
      ...inherited
    } = readEnv();
    const child = spawnSync(process.execPath, [cli, ...args], {
      cwd: dir,
      encoding: "utf8",
      env: { ...inherited, CI: "1", ...env },
    });
    return { status: child.status, stdout: child.stdout, stderr: child.stderr };
  };
  return { dir, e2e: (args, env) => run(CLI, args, env), gate: (args) => run(GATE, args) };
}
