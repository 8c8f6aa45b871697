import { rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { localService, prepareRun, readEnv as readExportedEnv } from "@assay/fixtures";
import { mergeShards, SHARDS_DIR } from "./mergeShards.ts";
import { planFromDurations } from "./planShards.ts";
import { type ProcessRun, playwrightCli, runProcess, wasInterrupted } from "./runProcess.ts";
import { shardEnv } from "./runShard.ts";
import { startLocalService } from "./startLocalService.ts";
import { listTests, writeTestList } from "./testList.ts";

/** What `prepareRun` settles for a run when the environment does not give it. */
const SETTLED = ["ASSAY_RUN_ID", "ASSAY_ADMIN_TOKEN", "ASSAY_JWT_SECRET"] as const;

/**
 * The local mirror of the CI matrix: plans `count` shards, boots the local backend once (unless
 * the target is staging or `ASSAY_EXTERNAL_SERVER` is set), runs every shard at the same time as
 * its own Playwright process against it (`[shard i/n]`-prefixed output, workers split between
 * them), merges the blobs into one HTML report and `reports/results.json`, runs the gate on the
 * merge and prints the shards' wall times. Resolves with the gate's exit code, or 2 when a shard
 * crashed (exit code other than 0 or 1) or the merge failed. Every variable comes from
 * `options.env`; the gate judges this run's files only, whatever earlier runs left in `reports/`.
 *
 * @example
 * process.exitCode = await runLocalShards(3, [], { cwd: process.cwd(), env: readEnv() });
 */
export async function runLocalShards(
  count: number,
  args: readonly string[],
  options: { cwd: string; env: Readonly<Record<string, string | undefined>> },
): Promise<number> {
  const started = performance.now();
  const { cwd } = options;
  const plan = planFromDurations(listTests(args, options), count, cwd);
  rmSync(join(cwd, SHARDS_DIR), { recursive: true, force: true });
  // Settle run id and secrets once, here, so the service and every shard share them. prepareRun
  // exports what it generated to this process; take exactly that and keep every injected value.
  const target = prepareRun([], options.env);
  const exported = readExportedEnv();
  const env: Record<string, string | undefined> = { ...options.env };
  for (const name of SETTLED) env[name] ||= exported[name];
  const service = localService(target, env);
  const booted = service ? await startLocalService(service, { cwd, env }) : null;
  if (booted) env.ASSAY_EXTERNAL_SERVER = "1";
  const workers = env.ASSAY_WORKERS || String(Math.max(1, Math.floor(availableParallelism() / count)));
  process.stdout.write(
    `[assay/shards] ${count} shards × ${workers} worker${workers === "1" ? "" : "s"} against ${target.baseURL}${booted ? ` (booted in ${(booted.ms / 1000).toFixed(1)} s)` : ""}\n`,
  );
  let runs: ProcessRun[];
  try {
    runs = await Promise.all(
      plan.map((shard, index) => {
        const spec = { current: index + 1, total: count };
        const dir = join(cwd, SHARDS_DIR, String(spec.current));
        writeTestList(join(dir, "tests.txt"), shard.tests, `shard ${spec.current}/${count}`);
        return runProcess(
          process.execPath,
          [
            playwrightCli(cwd),
            "test",
            "--test-list",
            join(dir, "tests.txt"),
            `--output=${join("test-results", `shard-${spec.current}`)}`,
            ...args,
          ],
          {
            cwd,
            prefix: `[shard ${spec.current}/${count}]`,
            env: {
              ...shardEnv(spec, env),
              ASSAY_WORKERS: workers,
              PLAYWRIGHT_BLOB_OUTPUT_DIR: join(dir, "blob"),
              PLAYWRIGHT_HTML_OUTPUT_DIR: join(dir, "html"),
              PLAYWRIGHT_HTML_OPEN: "never",
            },
          },
        );
      }),
    );
  } finally {
    await booted?.stop();
  }
  if (wasInterrupted()) return 130;
  const merged = await mergeShards(count, { cwd, env });
  const lines = runs.map(
    (run, i) =>
      `[assay/shards] shard ${i + 1}/${count}: ${(run.ms / 1000).toFixed(1)} s, ${plan[i]?.tests.length} tests, exit ${run.code}`,
  );
  const times = runs.map((r) => r.ms);
  const longest = Math.max(...times);
  const shortest = Math.min(...times);
  lines.push(
    `[assay/shards] longest/shortest shard: ${(longest / 1000).toFixed(1)} s / ${(shortest / 1000).toFixed(1)} s = ${(longest / shortest).toFixed(2)}×; merge ${(merged.mergeMs / 1000).toFixed(1)} s, gate ${(merged.gateMs / 1000).toFixed(1)} s; total ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  process.stdout.write(`${lines.join("\n")}\n`);
  const crashed = runs.some((r) => r.code !== 0 && r.code !== 1);
  return crashed ? 2 : merged.code;
}
