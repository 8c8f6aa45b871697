#!/usr/bin/env node
import { recordDurations } from "./durations.ts";
import { readEnv } from "./env.ts";
import { E2E_HELP, parseE2eArgs } from "./parseE2eArgs.ts";
import { playwrightCli, runProcess } from "./runProcess.ts";
import { runShard } from "./runShard.ts";
import { ShardsError } from "./ShardsError.ts";

/**
 * `assay-e2e`: the root `e2e` script. `assay-e2e [args…]` is `playwright test [args…]`;
 * `--shard=i/n` runs a duration-balanced shard; `shards N` runs N shards here and gates them;
 * `record-durations` rewrites `shard-durations.json`. Exit codes: Playwright's or the gate's;
 * 2 with one line on stderr for a request it cannot carry out.
 *
 * @example
 * // assay-e2e --shard=2/3 --project=ws
 */
async function main(argv: readonly string[]): Promise<number> {
  const options = { cwd: process.cwd(), env: readEnv() };
  try {
    const command = parseE2eArgs(argv);
    if (command.kind === "help") {
      process.stdout.write(`${E2E_HELP}\n`);
      return 0;
    }
    if (command.kind === "record-durations") {
      const count = recordDurations(command.from, command.out);
      process.stdout.write(`[assay/shards] wrote ${count} test durations to ${command.out}\n`);
      return 0;
    }
    if (command.kind === "shards") {
      // Loaded only here: it pulls in @assay/fixtures (and Playwright) to boot the local target.
      const { runLocalShards } = await import("./runLocalShards.ts");
      return await runLocalShards(command.count, command.args, options);
    }
    if (command.shard) return await runShard(command.shard, command.args, options);
    const cli = playwrightCli(options.cwd);
    return (await runProcess(process.execPath, [cli, "test", ...command.args], options)).code;
  } catch (error) {
    const { name, message: text } = error instanceof Error ? error : { name: "", message: String(error) };
    // TargetError: @assay/fixtures' one-line message about a missing or malformed variable.
    const message =
      error instanceof ShardsError || name === "TargetError"
        ? text
        : `[assay/shards] internal error: ${text.split("\n")[0]} — please report it`;
    process.stderr.write(`${message}\n`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
