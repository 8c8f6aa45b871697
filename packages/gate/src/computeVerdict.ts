import type { ShardCheck } from "./checkShards.ts";
import type { TestRecord } from "./collectTests.ts";
import type { LoadVerdictFiles } from "./judgeLoadVerdict.ts";
import type { BaselineEntry } from "./readBaseline.ts";
import type { Budgets } from "./readBudgets.ts";
import type { IgnoredFile } from "./readCoverage.ts";
import type { LatencyStat } from "./summarizeLatency.ts";

/** One budget held against the run. `value` is null when there was nothing to measure. */
export type BudgetResult = { name: string; value: number | null; limit: number; ok: boolean; detail: string };
/** A baseline entry that no longer describes a failure: the test passed or is gone. */
export type StaleEntry = BaselineEntry & { why: "passed" | "not in report" };
/** The gate's decision, written as `verdict.json`. */
export type Verdict = {
  verdict: "pass" | "fail";
  generated_at: string;
  totals: {
    tests: number;
    passed: number;
    failed: number;
    flaky: number;
    skipped: number;
    baselined: number;
  };
  budgets: BudgetResult[];
  failures: string[];
  flaky: string[];
  stale_baseline: StaleEntry[];
  expired_baseline: BaselineEntry[];
  missing_contracts: string[];
  baselined: string[];
  leaks: { test: string; leak: string }[];
  latency: {
    step: string;
    count: number;
    p50: number | null;
    p95: number | null;
    max: number | null;
    limit: number | null;
  }[];
  shards: ShardCheck;
  /** The coverage files the verdict used, and those found but left out (another run's). */
  coverage_files: { used: string[]; ignored: IgnoredFile[] };
  /** The load verdict the `load` row judged, and one found but left out (another run's). */
  load_verdict?: LoadVerdictFiles;
};
/** Everything `computeVerdict` judges; `now` is injectable so expiry is testable. */
export type VerdictInput = {
  tests: readonly TestRecord[];
  budgets: Budgets;
  baseline: readonly BaselineEntry[];
  latency: readonly LatencyStat[];
  /** Union of schemas and of exercised ids; `null` when the run left no coverage file. */
  contracts: { schemas: readonly string[]; exercised: readonly string[] } | null;
  /** Why `contracts` is null, for the no-go message (e.g. which files were found but ignored). */
  contractsMissing?: string;
  coverageFiles?: { used: string[]; ignored: IgnoredFile[] };
  shards: ShardCheck;
  now: Date;
  /** Budget rows judged elsewhere and held like the gate's own (the MCP tool matrix's). */
  extra?: readonly BudgetResult[];
};

const round = (n: number): number => Math.round(n * 10000) / 10000;
/** Latency is shown to 0.1 ms; the budget check itself uses the exact value. */
const ms = (n: number | null): number | null => (n === null ? null : Math.round(n * 10) / 10);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Decides go/no-go. Fails on: pass rate under its minimum, more flaky tests than allowed, a step
 * p95 over its limit, contract coverage under its minimum, more leaks than allowed, and on the
 * baseline: a failure not in it, an entry whose test passed or is gone (stale), an entry past
 * its `expires` date. A baselined failure is left out of the pass rate.
 *
 * A budget with nothing to measure fails too, saying what was missing: a run whose tests were
 * all skipped (no pass rate), a latency step with no samples or fewer than `latency_min_samples`,
 * a run without a coverage file or with an empty schema list. A budget named in `allow_empty`
 * passes on nothing instead, and says so.
 *
 * @example
 * const verdict = computeVerdict({ tests, budgets, baseline, latency, contracts, shards, now: new Date() });
 * verdict.verdict; // "fail"
 */
export function computeVerdict(input: VerdictInput): Verdict {
  const { tests, budgets } = input;
  const today = input.now.toISOString().slice(0, 10);
  const entries = new Map(input.baseline.map((e) => [e.test, e]));
  const byId = new Map(tests.map((t) => [t.id, t]));
  const ids = (outcome: string): string[] => tests.filter((t) => t.outcome === outcome).map((t) => t.id);
  const unexpected = ids("unexpected");
  const failures = unexpected.filter((id) => !entries.has(id));
  const baselined = unexpected.filter((id) => entries.has(id));
  const flaky = ids("flaky");
  const passed = ids("expected").length;
  const skipped = ids("skipped").length;
  const stale: StaleEntry[] = [];
  for (const entry of input.baseline) {
    const outcome = byId.get(entry.test)?.outcome;
    if (outcome === "expected") stale.push({ ...entry, why: "passed" });
    else if (outcome === undefined) stale.push({ ...entry, why: "not in report" });
  }
  const expired = input.baseline.filter((e) => e.expires < today);
  const leaks = tests.flatMap((t) => t.leaks.map((leak) => ({ test: t.id, leak })));

  const allowed = new Set(budgets.allow_empty);
  /** A budget that had nothing (or too little) to measure: a no-go unless `allow_empty` names it. */
  const empty = (name: string, limit: number, detail: string, value: number | null = null): BudgetResult =>
    allowed.has(name)
      ? { name, value, limit, ok: true, detail: `${detail} — passes only because allow_empty lists ${name}` }
      : {
          name,
          value,
          limit,
          ok: false,
          detail: `${detail}; add ${JSON.stringify(name)} to allow_empty to accept that`,
        };

  const counted = passed + flaky.length + failures.length;
  const passRate = counted === 0 ? null : round((passed + flaky.length) / counted);
  const results: BudgetResult[] = [
    passRate === null
      ? empty(
          "pass_rate",
          budgets.pass_rate_min,
          `nothing to judge: no test passed or failed (${plural(tests.length, "test")}: ${skipped} skipped, ${baselined.length} baselined)`,
        )
      : {
          name: "pass_rate",
          value: passRate,
          limit: budgets.pass_rate_min,
          ok: passRate >= budgets.pass_rate_min,
          detail: `${passed + flaky.length} of ${counted} counted tests passed (${plural(failures.length, "failure")}; ${skipped} skipped and ${baselined.length} baselined left out)`,
        },
    {
      name: "flaky",
      value: flaky.length,
      limit: budgets.flaky_max,
      ok: flaky.length <= budgets.flaky_max,
      detail: `${plural(flaky.length, "test")} passed only on retry`,
    },
  ];
  const need = budgets.latency_min_samples;
  for (const stat of input.latency) {
    if (stat.limit === null) continue;
    const name = `latency_p95.${stat.step}`;
    const n = stat.samples.length;
    const measured = `p95 ${ms(stat.p95)} ms over ${plural(n, "sample")} (p50 ${ms(stat.p50)} ms, max ${ms(stat.max)} ms)`;
    if (n === 0) {
      results.push(
        empty(
          name,
          stat.limit,
          `no samples recorded (need ${need}): no test annotated assay:latency step "${stat.step}"`,
        ),
      );
    } else if (n < need) {
      const under = empty(
        name,
        stat.limit,
        `not enough samples (${n} of ${need}): ${measured}`,
        ms(stat.p95),
      );
      // Allowed or not, a real p95 over its limit still fails.
      results.push({ ...under, ok: under.ok && (stat.p95 ?? 0) <= stat.limit });
    } else {
      results.push({
        name,
        value: ms(stat.p95),
        limit: stat.limit,
        ok: (stat.p95 ?? 0) <= stat.limit,
        detail: measured,
      });
    }
  }
  const schemas = input.contracts ? [...new Set(input.contracts.schemas)].sort() : [];
  const exercised = new Set(input.contracts?.exercised ?? []);
  const missing = schemas.filter((id) => !exercised.has(id));
  const coverage = schemas.length === 0 ? null : round((schemas.length - missing.length) / schemas.length);
  results.push(
    coverage === null
      ? empty(
          "contract_coverage",
          budgets.contract_coverage_min,
          input.contracts === null
            ? (input.contractsMissing ?? "no contract coverage file of this run")
            : "the coverage files list 0 schemas: nothing to measure",
        )
      : {
          name: "contract_coverage",
          value: coverage,
          limit: budgets.contract_coverage_min,
          ok: coverage >= budgets.contract_coverage_min,
          detail: `${schemas.length - missing.length} of ${plural(schemas.length, "schema")} exercised`,
        },
    {
      name: "leaks",
      value: leaks.length,
      limit: budgets.leaks_max,
      ok: leaks.length <= budgets.leaks_max,
      detail: `${plural(leaks.length, "isolation leak")} found`,
    },
  );
  results.push(...(input.extra ?? []));
  const baselineProblems = failures.length + stale.length + expired.length;
  results.push({
    name: "baseline",
    value: baselineProblems,
    limit: 0,
    ok: baselineProblems === 0,
    detail:
      `${plural(failures.length, "failure")} not in the baseline, ${plural(stale.length, "stale entry")}, ${plural(expired.length, "expired entry")}`.replace(
        /entrys/g,
        "entries",
      ),
  });

  return {
    verdict: results.every((b) => b.ok) ? "pass" : "fail",
    generated_at: input.now.toISOString(),
    totals: {
      tests: tests.length,
      passed,
      failed: failures.length,
      flaky: flaky.length,
      skipped,
      baselined: baselined.length,
    },
    budgets: results,
    failures,
    flaky,
    stale_baseline: stale,
    expired_baseline: expired,
    missing_contracts: missing,
    baselined,
    leaks,
    latency: input.latency.map((l) => ({
      step: l.step,
      count: l.samples.length,
      p50: ms(l.p50),
      p95: ms(l.p95),
      max: ms(l.max),
      limit: l.limit,
    })),
    shards: input.shards,
    coverage_files: input.coverageFiles ?? { used: [], ignored: [] },
  };
}
