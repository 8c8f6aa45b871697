import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { checkShards } from "./checkShards.ts";
import { computeVerdict, type Verdict } from "./computeVerdict.ts";
import { GateInputError } from "./GateInputError.ts";
import { judgeLoadVerdict } from "./judgeLoadVerdict.ts";
import { judgeMcpMatrix } from "./judgeMcpMatrix.ts";
import { readBaseline } from "./readBaseline.ts";
import { readBlobShards } from "./readBlobShards.ts";
import { readBudgets } from "./readBudgets.ts";
import { readCoverage } from "./readCoverage.ts";
import { readReport } from "./readReport.ts";
import { renderLatencyChart } from "./renderLatencyChart.ts";
import { renderSummary } from "./renderSummary.ts";
import { summarizeLatency } from "./summarizeLatency.ts";

/** What to judge and where to write; the CLI flags plus the injectable clock and summary file. */
export type GateOptions = {
  report: readonly string[];
  /** Blob report folder (or one zip): per-shard test counts and shard indices for a merged report. */
  blobs?: string;
  /** Where the coverage files are (folder, file or glob); only those of the judged run count. */
  coverage?: string;
  config?: string;
  baseline?: string;
  out?: string;
  shards?: number;
  /** Defaults to the current time; decides which baseline entries have expired. */
  now?: Date;
  /** A file to append the markdown to (the CLI passes `$GITHUB_STEP_SUMMARY`). */
  stepSummary?: string;
};
/** The outcome of one gate run. */
export type GateRun = {
  verdict: Verdict;
  exitCode: 0 | 1;
  markdown: string;
  files: { verdict: string; summary: string; chart: string; stepSummary?: string };
  ms: number;
};

/**
 * Runs the gate end to end: reads budgets, reports, blobs, coverage and baseline, checks the shards,
 * computes the verdict and writes `verdict.json`, `summary.md` and `latency.svg` under `out`.
 * Only files of the judged run count: coverage files, the MCP matrix and the load verdict are
 * matched to the report by the run's start time, so what earlier runs left in `reports/` is
 * listed as ignored, never judged.
 * Bad input throws a `GateInputError`; a failed gate resolves with `exitCode: 1`.
 *
 * @example
 * const run = await runGate({ report: ["reports/results.json"], shards: 3 });
 * process.exitCode = run.exitCode;
 */
export async function runGate(options: GateOptions): Promise<GateRun> {
  const started = performance.now();
  const configPath = options.config ?? "gate.config.json";
  const budgets = readBudgets(configPath, options.config !== undefined);
  const reports = readReport(options.report);
  const coverageSpec = options.coverage ?? "reports";
  const coverage = readCoverage(
    coverageSpec,
    options.coverage !== undefined,
    reports.map((r) => r.window),
  );
  const blobs = options.blobs === undefined ? [] : await readBlobShards(options.blobs);
  const shards = checkShards(options.shards ?? budgets.expected_shards, {
    reports,
    blobs,
    coverage: coverage.files,
  });
  const baselinePath =
    options.baseline ?? budgets.baseline ?? join(dirname(configPath), "gate.baseline.json");
  const baseline = readBaseline(
    baselinePath,
    options.baseline !== undefined || budgets.baseline !== undefined,
  );
  const tests = reports.flatMap((r) => r.tests);
  const contracts = coverage.files.length
    ? {
        schemas: coverage.files.flatMap((c) => c.schemas),
        exercised: [...coverage.files.flatMap((c) => c.exercised), ...tests.flatMap((t) => t.contracts)],
      }
    : null;
  const ignored = coverage.ignored.length
    ? ` (ignored ${coverage.ignored.map((f) => `${f.path}: ${f.why}`).join("; ")})`
    : "";
  const contractsMissing = `no contract coverage file of this run under ${coverageSpec}${ignored}; is @assay/contracts/reporter in the run's reporters?`;

  const latency = summarizeLatency(tests, budgets.latency_p95_ms);
  const windows = reports.map((r) => r.window);
  const load = judgeLoadVerdict(budgets.load, windows);
  const extra = [
    ...(budgets.mcp === undefined ? [] : judgeMcpMatrix(budgets.mcp, configPath, windows)),
    ...load.rows,
  ];
  const verdict = computeVerdict({
    tests,
    budgets,
    baseline,
    latency,
    contracts,
    contractsMissing,
    coverageFiles: { used: coverage.files.map((f) => f.path), ignored: coverage.ignored },
    shards,
    now: options.now ?? new Date(),
    extra,
  });
  if (load.files.used !== null || load.files.ignored.length > 0) verdict.load_verdict = load.files;
  const chart = renderLatencyChart(latency, budgets.latency_min_samples);
  const markdown = renderSummary(verdict, chart);
  const out = options.out ?? join("reports", "gate");
  const files = {
    verdict: join(out, "verdict.json"),
    summary: join(out, "summary.md"),
    chart: join(out, "latency.svg"),
  };
  try {
    mkdirSync(out, { recursive: true });
    writeFileSync(files.verdict, `${JSON.stringify(verdict, null, 2)}\n`);
    writeFileSync(files.summary, markdown);
    writeFileSync(files.chart, chart);
    if (options.stepSummary) appendFileSync(options.stepSummary, markdown);
  } catch (error) {
    throw new GateInputError(
      `cannot write the gate's files under ${out} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); pass a writable --out folder`,
    );
  }
  return {
    verdict,
    exitCode: verdict.verdict === "pass" ? 0 : 1,
    markdown,
    files: options.stepSummary ? { ...files, stepSummary: options.stepSummary } : files,
    ms: performance.now() - started,
  };
}
