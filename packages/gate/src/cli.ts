#!/usr/bin/env node
import { readEnv } from "./env.ts";
import { GateInputError } from "./GateInputError.ts";
import { GATE_HELP, parseGateArgs } from "./parseGateArgs.ts";
import { renderConsole } from "./renderConsole.ts";
import { runGate } from "./runGate.ts";

/**
 * `assay-gate`: exit 0 when the run passes its budgets, 1 when it fails them, 2 on bad input
 * (one line on stderr, no stack trace).
 *
 * @example
 * // assay-gate --report reports/results.json --blobs all-blobs --shards 3
 */
async function main(argv: readonly string[]): Promise<number> {
  try {
    const { help, ...options } = parseGateArgs(argv);
    if (help) {
      console.log(GATE_HELP);
      return 0;
    }
    const run = await runGate({ ...options, stepSummary: readEnv().githubStepSummary });
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

process.exitCode = await main(process.argv.slice(2));
