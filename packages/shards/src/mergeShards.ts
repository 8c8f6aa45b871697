import { copyFileSync, globSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { playwrightCli, runProcess } from "./runProcess.ts";
import { ShardsError } from "./ShardsError.ts";

/** Where each shard's blob, HTML report and test list go before the merge (ignored by git). */
export const SHARDS_DIR = join(".assay", "shards");

/** The merge's and the gate's outcome: the gate's exit code (2 if the merge failed). */
export type MergeRun = { code: number; mergeMs: number; gateMs: number };

/**
 * Does what the CI merge job does, on this machine: collects the shards' blobs
 * (`.assay/shards/<i>/blob/*.zip`) into `blob-report/`, merges them into `playwright-report/`
 * and `reports/results.json`, then runs the gate on the merge with `--blobs` and `--shards`.
 * The gate reads coverage from `reports/` (its default) and counts only the files of this run.
 *
 * @example
 * const { code } = await mergeShards(3, { cwd: process.cwd(), env });
 */
export async function mergeShards(
  count: number,
  options: { cwd: string; env: Readonly<Record<string, string | undefined>> },
): Promise<MergeRun> {
  const { cwd } = options;
  const blobs = join(cwd, "blob-report");
  rmSync(blobs, { recursive: true, force: true });
  mkdirSync(blobs, { recursive: true });
  for (let i = 1; i <= count; i++) {
    const dir = join(cwd, SHARDS_DIR, String(i), "blob");
    for (const zip of globSync("*.zip", { cwd: dir })) copyFileSync(join(dir, zip), join(blobs, zip));
  }
  if (readdirSync(blobs).length === 0)
    throw new ShardsError(
      "no shard wrote a blob report; see the [shard i/n] lines above for why they failed",
    );
  const merge = await runProcess(
    process.execPath,
    [playwrightCli(cwd), "merge-reports", "--reporter=html,json", "blob-report"],
    {
      cwd,
      prefix: "[merge]",
      env: {
        ...options.env,
        PLAYWRIGHT_JSON_OUTPUT_FILE: join(cwd, "reports", "results.json"),
        PLAYWRIGHT_HTML_OUTPUT_DIR: join(cwd, "playwright-report"),
        PLAYWRIGHT_HTML_OPEN: "never",
      },
    },
  );
  if (merge.code !== 0) return { code: 2, mergeMs: merge.ms, gateMs: 0 };
  const gateCli = fileURLToPath(import.meta.resolve("@assay/gate/cli"));
  const gate = await runProcess(
    process.execPath,
    [
      gateCli,
      "--report",
      join("reports", "results.json"),
      "--blobs",
      "blob-report",
      "--shards",
      String(count),
    ],
    { cwd, env: options.env },
  );
  return { code: gate.code, mergeMs: merge.ms, gateMs: gate.ms };
}
