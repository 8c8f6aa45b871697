import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { ShardsError } from "./ShardsError.ts";

/** How a child process ended, and how long it took. */
export type ProcessRun = { code: number; ms: number };
/** Where and how to run a child process. */
export type ProcessOptions = {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Prefix every output line with this (`[shard 1/3]`); without it the child shares our stdio. */
  prefix?: string;
};

const running = new Set<ChildProcess>();
let forwarding = false;
let interrupted = false;

/**
 * Runs `command args…` and resolves with its exit code (1 when a signal ended it) and wall time.
 * With a `prefix`, its stdout and stderr are read line by line and each line is written with the
 * prefix, so parallel shards stay readable. A SIGTERM sent to us is passed on to every child still
 * running, so a cancelled CI job stops its shards and the service cleanly.
 *
 * @example
 * const { code } = await runProcess(process.execPath, [cli, "test"], { cwd: process.cwd(), env: readEnv(), prefix: "[shard 1/3]" });
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: ProcessOptions,
): Promise<ProcessRun> {
  const started = performance.now();
  const child = spawnTracked(command, args, options);
  return new Promise((resolve) => {
    child.once("error", (error) => {
      process.stderr.write(
        `${options.prefix ?? "[assay/shards]"} cannot start ${command}: ${error.message}\n`,
      );
    });
    child.once("close", (code) => resolve({ code: code ?? 1, ms: performance.now() - started }));
  });
}

/**
 * Spawns a child that gets our signals forwarded and, with a prefix, prefixed output.
 *
 * @example
 * const service = spawnTracked("node", ["apps/agent-api/src/main.ts"], { cwd, env, prefix: "[service]" });
 */
export function spawnTracked(
  command: string,
  args: readonly string[],
  options: ProcessOptions,
): ChildProcess {
  forwardSignals();
  const piped = options.prefix !== undefined;
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: piped ? ["ignore", "pipe", "pipe"] : "inherit",
  });
  running.add(child);
  child.once("close", () => running.delete(child));
  if (piped) {
    const prefix = options.prefix;
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ] as const) {
      if (stream) createInterface({ input: stream }).on("line", (line) => out.write(`${prefix} ${line}\n`));
    }
  }
  return child;
}

/**
 * True once we got SIGINT or SIGTERM: callers stop starting new steps (merge, gate).
 *
 * @example
 * if (wasInterrupted()) return 130;
 */
export function wasInterrupted(): boolean {
  return interrupted;
}

function forwardSignals(): void {
  if (forwarding) return;
  forwarding = true;
  // Ctrl-C already reaches every child in the terminal's process group, and Playwright treats a
  // second SIGINT as "stop now", so SIGINT is not passed on; SIGTERM (a job runner's cancel,
  // `kill`) reaches only us, so it is. Either way we exit once the children are gone.
  process.on("SIGINT", () => {
    interrupted = true;
    if (running.size === 0) process.exit(130);
  });
  process.on("SIGTERM", () => {
    interrupted = true;
    for (const child of running) child.kill("SIGTERM");
    if (running.size === 0) process.exit(143);
  });
}

/**
 * The path of the project's Playwright CLI (`@playwright/test/cli`), resolved from `cwd` so the
 * wrapper runs the same Playwright as the project's config imports.
 *
 * @example
 * spawn(process.execPath, [playwrightCli(process.cwd()), "test", "--list"]);
 */
export function playwrightCli(cwd: string): string {
  try {
    return createRequire(join(cwd, "package.json")).resolve("@playwright/test/cli");
  } catch {
    throw new ShardsError(
      `@playwright/test is not installed in ${cwd}; run assay-e2e from the project root after pnpm install`,
    );
  }
}
