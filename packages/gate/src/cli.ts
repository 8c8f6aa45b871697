#!/usr/bin/env node
import { readEnv } from "./env.ts";
import { GateInputError } from "./GateInputError.ts";
import { parseCliArgs, USAGE } from "./parseCliArgs.ts";
import { renderConsole } from "./renderConsole.ts";
import { runGate } from "./runGate.ts";

/**
 * `assay-gate`: exit 0 when the run passes its budgets, 1 when it fails them, 2 on bad input
 * (one line on stderr, no stack trace).
 *
 * @example
 * // assay-gate --report reports/report.json --coverage reports/ --shards 3
 */
function main(argv: readonly string[]): number {
  try {
    const args = parseCliArgs(argv);
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    const { help: _help, ...options } = args;
    const run = runGate({ ...options, stepSummary: readEnv().githubStepSummary });
    for (const line of renderConsole(run)) console.log(line);
    return run.exitCode;
  } catch (error) {
    const message =
      error instanceof GateInputError
        ? error.message
        : `[assay/gate] internal error: ${String((error as Error)?.message ?? error).split("\n")[0]} — please report it`;
    process.stderr.write(`${message}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
