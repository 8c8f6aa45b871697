import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ShardSpec } from "./parseE2eArgs.ts";
import { planFromDurations } from "./planShards.ts";
import { playwrightCli, runProcess } from "./runProcess.ts";
import { listTests, writeTestList } from "./testList.ts";

/**
 * Runs one duration-balanced shard: lists the tests `args` select, plans the shards, and runs
 * `playwright test --test-list <this shard's tests> …args` with `ASSAY_SHARD=i/n`, so fixtures
 * tag data by shard and reporters name their files per shard. Playwright's `config.shard` stays
 * null, so the blob is named `report-<i>-of-<n>.zip`, which is how the gate tells the shards
 * apart. Resolves with Playwright's exit code.
 *
 * @example
 * process.exitCode = await runShard({ current: 2, total: 3 }, ["--project=ws"], { cwd: process.cwd(), env: readEnv() });
 */
export async function runShard(
  shard: ShardSpec,
  args: readonly string[],
  options: { cwd: string; env: Readonly<Record<string, string | undefined>> },
): Promise<number> {
  const label = `shard ${shard.current}/${shard.total}`;
  const plan = planFromDurations(listTests(args, options), shard.total, options.cwd);
  const mine = plan[shard.current - 1]?.tests ?? [];
  const dir = mkdtempSync(join(tmpdir(), "assay-shard-"));
  const file = join(dir, "tests.txt");
  writeTestList(file, mine, label);
  const expected = ((plan[shard.current - 1]?.ms ?? 0) / 1000).toFixed(1);
  process.stdout.write(
    `[assay/shards] ${label}: ${mine.length} tests, ~${expected} s of recorded test time\n`,
  );
  try {
    const run = await runProcess(
      process.execPath,
      [playwrightCli(options.cwd), "test", "--test-list", file, ...args],
      { cwd: options.cwd, env: shardEnv(shard, options.env) },
    );
    return run.code;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The environment of one shard's Playwright process: `ASSAY_SHARD` and a blob file name that
 * carries the shard (unless the caller chose one).
 *
 * @example
 * shardEnv({ current: 1, total: 3 }, env).PLAYWRIGHT_BLOB_OUTPUT_NAME; // "report-1-of-3.zip"
 */
export function shardEnv(
  shard: ShardSpec,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  return {
    ...env,
    ASSAY_SHARD: `${shard.current}/${shard.total}`,
    PLAYWRIGHT_BLOB_OUTPUT_NAME:
      env.PLAYWRIGHT_BLOB_OUTPUT_NAME || `report-${shard.current}-of-${shard.total}.zip`,
  };
}
