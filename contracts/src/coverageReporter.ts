import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { FullConfig, FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";
import { readEnv } from "./env.ts";
import { loadContracts } from "./loadContracts.ts";
import { loadOpenApiContracts, OPENAPI_ID_PREFIX } from "./loadOpenApiContracts.ts";
import { CONTRACT_ANNOTATION } from "./recordContractUse.ts";

export interface CoverageReporterOptions {
  /** Where the JSON report goes, relative to the cwd; default `reports/contract-coverage.json`. */
  outputFile?: string;
  /** The contracts dir whose schemas count; default this repo's `contracts/`. */
  dir?: string;
  /**
   * The shard this run is, `i/n`; default `ASSAY_SHARD`, else Playwright's `config.shard`.
   * `assay-e2e --shard=i/n` runs a test list, not `--shard`, so `config.shard` is null there.
   * `1/1` means unsharded.
   */
  shard?: string;
  /**
   * Your OpenAPI document (JSON), as your specs load it with loadOpenApiContracts: its responses
   * get a coverage line and list of their own (`openapi` in the JSON report), apart from the
   * contracts dir's, which they never enter.
   */
  openapi?: string;
}

/** The JSON file the reporter writes. */
export interface ContractCoverage {
  /**
   * Which run wrote it. `started_at` is Playwright's run start, the same instant the JSON
   * report records as `stats.startTime`: the release gate uses it to judge a report with its own
   * coverage only, never with files an earlier run left in the folder.
   */
  run?: { id: string | null; shard: string; started_at: string; tests: number };
  schemas: string[];
  exercised: string[];
  missing: string[];
  percent: number;
  generated_at: string;
  /** The responses of the `openapi` document and which of them were checked; only with that option. */
  openapi?: { document: string; schemas: string[]; exercised: string[]; missing: string[]; percent: number };
}

/**
 * Playwright reporter for contract coverage: collects the `assay:contract` annotations that
 * `toMatchContract` and the @assay/ws matchers add, prints
 * `Contract coverage: 18/20 schemas (90%)` and writes the JSON report. A sharded run writes
 * `contract-coverage.shard-2-of-3.json` so shards can be merged later; the shard comes from the
 * `shard` option, else `ASSAY_SHARD`, else `config.shard`. The file names its run (`ASSAY_RUN_ID`,
 * the shard, the run's start time and how many tests ran) so the gate can tell it from the files
 * of other runs.
 *
 * @example
 * // playwright.config.ts
 * reporter: [["list"], ["@assay/contracts/reporter", { outputFile: "reports/contract-coverage.json" }]],
 */
export default class CoverageReporter implements Reporter {
  readonly #outputFile: string;
  readonly #dir: string;
  readonly #exercised = new Set<string>();
  readonly #named: string | undefined;
  readonly #openapi: string | undefined;
  readonly #runId: string | null;
  readonly #tests = new Set<string>();
  #shard: FullConfig["shard"] = null;

  /** `env` is read for `ASSAY_SHARD` and `ASSAY_RUN_ID`; Playwright passes just the options. */
  constructor(
    options: CoverageReporterOptions = {},
    env: Readonly<Record<string, string | undefined>> = readEnv(),
  ) {
    this.#outputFile = options.outputFile ?? join("reports", "contract-coverage.json");
    this.#dir = options.dir ?? join(import.meta.dirname, "..");
    this.#named = options.shard || env.ASSAY_SHARD || undefined;
    this.#openapi = options.openapi;
    this.#runId = env.ASSAY_RUN_ID || null;
  }

  printsToStdio(): boolean {
    // One summary line should not stop Playwright from adding its default reporter.
    return false;
  }

  onBegin(config: FullConfig): void {
    this.#shard = this.#named === undefined ? config.shard : parseShard(this.#named);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== "skipped") this.#tests.add(test.id);
    // Annotations pushed during the run land on the result (1.52+); older runners and
    // blob-merged reports may carry them on the test case instead.
    for (const annotation of [...test.annotations, ...(result.annotations ?? [])]) {
      if (annotation.type === CONTRACT_ANNOTATION && annotation.description) {
        this.#exercised.add(annotation.description);
      }
    }
  }

  onEnd(result: Pick<FullResult, "startTime">): void {
    // A run that ran no test measured nothing: no file, no "0/N schemas" list (the no-tests
    // reporter fails that run, and the gate refuses a run without its coverage file).
    if (this.#tests.size === 0) return;
    // OpenAPI contracts (`openapi:getUser#200`) are the user's document, not contracts/: they are
    // counted in a list of their own, so they neither lower nor pad the contracts dir's figure.
    const checked = new Set([...this.#exercised].filter((id) => id.startsWith(OPENAPI_ID_PREFIX)));
    const exercised = new Set([...this.#exercised].filter((id) => !checked.has(id)));
    const coverage: ContractCoverage = {
      run: {
        id: this.#runId,
        shard: this.#shard ? `${this.#shard.current}/${this.#shard.total}` : "1/1",
        started_at: result.startTime.toISOString(),
        tests: this.#tests.size,
      },
      ...computeCoverage(
        loadContracts(this.#dir)
          .filter((contract) => contract.counted)
          .map((contract) => contract.id),
        exercised,
      ),
    };
    const covered = coverage.schemas.length - coverage.missing.length;
    const lines = [`Contract coverage: ${covered}/${coverage.schemas.length} schemas (${coverage.percent}%)`];
    lines.push(...missingLines(coverage.missing, shardFileName(this.#outputFile, this.#shard)));
    if (this.#openapi !== undefined) {
      const api = loadOpenApiContracts(this.#openapi);
      // `openapi:getUser#404` checks the 4XX response when 404 is not listed: count the 4XX.
      const resolved = new Set([...checked].map((id) => (api.has(id) ? api.resolve(id) : id)));
      const { schemas, exercised, missing, percent } = computeCoverage(api.ids(), resolved);
      coverage.openapi = { document: this.#openapi, schemas, exercised, missing, percent };
      lines.push(
        `OpenAPI coverage: ${schemas.length - missing.length}/${schemas.length} responses (${percent}%)`,
      );
      lines.push(...missingLines(missing, shardFileName(this.#outputFile, this.#shard)));
    } else if (checked.size > 0) {
      lines.push(
        `  also checked: ${checked.size} OpenAPI contract${checked.size === 1 ? "" : "s"}, not counted here (the reporter's openapi option counts them)`,
      );
    }
    process.stdout.write(`${lines.join("\n")}\n`);
    const file = resolve(shardFileName(this.#outputFile, this.#shard));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(coverage, null, 2)}\n`);
  }
}

/**
 * Coverage of `schemas` by the `exercised` ids; percent rounded down to one decimal so a
 * run missing one schema never shows 100.
 *
 * @example
 * computeCoverage(["http/health.v1", "http/user.v1"], new Set(["http/health.v1"])).percent; // 50
 */
export function computeCoverage(
  schemas: readonly string[],
  exercised: ReadonlySet<string>,
): ContractCoverage {
  const sorted = [...schemas].sort();
  const missing = sorted.filter((id) => !exercised.has(id));
  const covered = sorted.length - missing.length;
  const percent = sorted.length === 0 ? 100 : Math.floor((covered * 1000) / sorted.length) / 10;
  return {
    schemas: sorted,
    exercised: [...exercised].sort(),
    missing,
    percent,
    generated_at: new Date().toISOString(),
  };
}

function shardFileName(file: string, shard: FullConfig["shard"]): string {
  if (!shard) return file;
  const suffix = `.shard-${shard.current}-of-${shard.total}`;
  return file.endsWith(".json") ? `${file.slice(0, -".json".length)}${suffix}.json` : `${file}${suffix}`;
}

function parseShard(shard: string): FullConfig["shard"] {
  const match = /^(\d+)\/(\d+)$/.exec(shard);
  if (!match)
    throw new Error(`[assay/contracts] coverage reporter: shard must be i/n (e.g. 2/3), got "${shard}"`);
  const [current, total] = [Number(match[1]), Number(match[2])];
  return total === 1 ? null : { current, total };
}

/** Up to this many missing ids are listed on the terminal; more are only counted there. */
const MISSING_LISTED = 12;

/**
 * The `missing:` line: the ids when there are a few (the ones a full run forgot), only their
 * number when there are many (one spec run on its own), with the file that lists them all.
 */
function missingLines(missing: readonly string[], outputFile: string): string[] {
  if (missing.length === 0) return [];
  if (missing.length <= MISSING_LISTED) return [`  missing: ${missing.join(", ")}`];
  return [`  missing: ${missing.length} (each listed in ${outputFile})`];
}
