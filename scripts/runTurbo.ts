// `pnpm test:e2e` runs its task through turbo (task graph, strict env allowlist), but without
// turbo's and pnpm's wrapper text: turbo reports as NDJSON and only the task's own lines are
// printed, so a failure ends with Playwright's summary, not six lines of ELIFECYCLE and run
// summary. Turbo's own errors (a bad turbo.json, a task that cannot start) still print.
// Usage: node scripts/runTurbo.ts <task> [-- args for the task]
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { inheritedEnv } from "./env.ts";

type Line = { source: string; level: string; text: string };

// Lines turbo writes in the task's name about the task, not from it.
const TURBO_ABOUT_TASK = /^cache (bypass|miss|hit)\b/;
// Turbo's line for a task that exited non-zero: the task already said why.
const TASK_EXITED = /^(command \(|run failed: command\b).*exited \(\d+\)\s*$/;

const args = process.argv.slice(2);
const bin = path.resolve(import.meta.dirname, "../node_modules/.bin/turbo");
const turbo = spawn(bin, ["run", ...withJson(args)], {
  // The inner `pnpm run <task>` prints a header and ELIFECYCLE unless its reporter is silent.
  env: { ...inheritedEnv(), npm_config_reporter: "silent" },
  stdio: ["inherit", "pipe", "pipe"],
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => turbo.kill(signal));

createInterface({ input: turbo.stdout }).on("line", (raw) => {
  let line: Line;
  try {
    line = JSON.parse(raw) as Line;
  } catch {
    process.stdout.write(`${raw}\n`);
    return;
  }
  if (line.source !== "turbo") {
    if (TURBO_ABOUT_TASK.test(line.text)) return;
    (line.level === "stderr" ? process.stderr : process.stdout).write(`${line.text}\n`);
  } else if (line.level === "error" && !TASK_EXITED.test(line.text)) {
    process.stderr.write(`turbo: ${line.text}\n`);
  }
});
// Turbo's stderr: its final "run failed" repeats the task's exit; anything else is kept.
createInterface({ input: turbo.stderr }).on("line", (raw) => {
  const text = raw.replace(/^\s*ERROR\s+/, "");
  if (raw.trim() !== "" && !TASK_EXITED.test(text)) process.stderr.write(`${raw}\n`);
});
turbo.on("exit", (code, signal) => process.exit(code ?? (signal ? 130 : 1)));

/** Turbo's flags go before `--`; everything after it is the task's. */
function withJson(argv: string[]): string[] {
  const split = argv.indexOf("--");
  const ours = split === -1 ? argv : argv.slice(0, split);
  const theirs = split === -1 ? [] : argv.slice(split);
  return [...ours, "--json", ...theirs];
}
