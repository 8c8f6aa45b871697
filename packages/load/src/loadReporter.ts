import { readFileSync } from "node:fs";
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";
import { type LoadEnv, readLoadEnv } from "./env.ts";
import type { LoadPart } from "./LoadResult.ts";
import { mergeLoadParts } from "./mergeLoadParts.ts";
import { BUDGETS_FILE, baselineFile, readLoadBaseline, readLoadBudgets } from "./readLoadFiles.ts";
import { writeLoadReport } from "./writeLoadReport.ts";

/** The attachment each load worker adds: its {@link LoadPart}, histograms included. */
export const LOAD_PART_ATTACHMENT = "assay-load-part";

/**
 * Playwright reporter for the `load` project: adds up the parts every worker attached
 * (histograms added, never averaged), writes `reports/load/result.json` (sharded:
 * `result.shard-<i>-of-<n>.json`, merged later by `assay-load merge`), the summary table and
 * `latency.svg`, prints the table, and on an unsharded run judges it against the budgets and the
 * committed baseline: a failed verdict fails the run.
 *
 * @example
 * // playwright.config.ts (only with ASSAY_LOAD=1)
 * reporter: [["list"], ["@assay/load/reporter"]],
 */
export default class LoadReporter implements Reporter {
  readonly #parts: LoadPart[] = [];
  readonly #env: LoadEnv;

  constructor(_options: unknown = {}, env: LoadEnv = readLoadEnv()) {
    this.#env = env;
  }

  printsToStdio(): boolean {
    return true;
  }

  onTestEnd(_test: TestCase, result: TestResult): void {
    for (const attachment of result.attachments) {
      if (attachment.name !== LOAD_PART_ATTACHMENT) continue;
      const text =
        attachment.body?.toString() ?? (attachment.path ? readFileSync(attachment.path, "utf8") : "");
      this.#parts.push(JSON.parse(text) as LoadPart);
    }
  }

  async onEnd(_result: FullResult): Promise<{ status?: FullResult["status"] } | undefined> {
    if (this.#parts.length === 0) return undefined;
    const shard = this.#env.ASSAY_SHARD || "1/1";
    const sharded = shard !== "1/1";
    const result = mergeLoadParts(this.#parts);
    const budgets = readLoadBudgets(this.#env.ASSAY_LOAD_BUDGETS || BUDGETS_FILE, result.scenario);
    const baseline = readLoadBaseline(baselineFile(result.scenario));
    const { verdict, table, files } = writeLoadReport(result, {
      outDir: "reports/load",
      name: sharded ? `result.shard-${shard.replace("/", "-of-")}` : "result",
      budgets,
      baseline,
      // A shard alone is not the run: its verdict comes after `assay-load merge`.
      judge: !sharded,
    });
    process.stdout.write(`\n${table}\n\nLoad report: ${files.join(", ")}\n`);
    if (verdict && !verdict.pass) return { status: "failed" };
    return undefined;
  }
}
