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
  /** Per test, the parts of its last attempt: a retried test's failed attempt does not count. */
  readonly #parts = new Map<string, LoadPart[]>();
  readonly #env: LoadEnv;

  constructor(_options: unknown = {}, env: LoadEnv = readLoadEnv()) {
    this.#env = env;
  }

  printsToStdio(): boolean {
    return true;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const parts: LoadPart[] = [];
    for (const attachment of result.attachments) {
      if (attachment.name !== LOAD_PART_ATTACHMENT) continue;
      const text =
        attachment.body?.toString() ?? (attachment.path ? readFileSync(attachment.path, "utf8") : "");
      parts.push(JSON.parse(text) as LoadPart);
    }
    this.#parts.set(test.id, parts);
  }

  async onEnd(fullResult: FullResult): Promise<{ status?: FullResult["status"] } | undefined> {
    const parts = [...this.#parts.values()].flat();
    if (parts.length === 0) return undefined;
    const shard = this.#env.ASSAY_SHARD || "1/1";
    const sharded = shard !== "1/1";
    const result = mergeLoadParts(parts);
    const budgets = readLoadBudgets(this.#env.ASSAY_LOAD_BUDGETS || BUDGETS_FILE, result.scenario);
    const baseline = readLoadBaseline(baselineFile(result.scenario));
    const { verdict, table, files } = writeLoadReport(result, {
      outDir: "reports/load",
      name: sharded ? `result.shard-${shard.replace("/", "-of-")}` : "result",
      budgets,
      baseline,
      // A shard alone is not the run: its verdict comes after `assay-load merge`.
      judge: !sharded,
      // The same start time every reporter gets: the gate ties the verdict to this run by it.
      run: {
        started_at: fullResult.startTime.toISOString(),
        ...(this.#env.ASSAY_RUN_ID ? { id: this.#env.ASSAY_RUN_ID } : {}),
      },
    });
    process.stdout.write(`\n${table}\n\nLoad report: ${files.join(", ")}\n`);
    if (verdict && !verdict.pass) return { status: "failed" };
    return undefined;
  }
}
