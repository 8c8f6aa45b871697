import type { LoadResult } from "./LoadResult.ts";

/**
 * What a load run must meet (`packages/load/budgets.json`). Correctness is never budgeted away:
 * every grammar, contract, ownership (leak), timeout or silence problem fails the run.
 *
 * @example
 * const budgets: LoadBudgets = { latency_p95_ms: { run: 2000 }, regression_pct: 10, min_samples: 20, error_rate_max: 0.01, agents_done_min: 1 };
 */
export type LoadBudgets = {
  /** p95 limit per step in ms (`run`, `first_event`, `http POST /v1/conversations`, …). */
  latency_p95_ms: Record<string, number>;
  /** A step fails when its p95 is more than this many percent over the baseline's. Default 10. */
  regression_pct: number;
  /** A budgeted or baselined step needs at least this many samples: a budget cannot pass on nothing. Default 20. */
  min_samples: number;
  /** HTTP, socket and flow errors per flow run. Default 0.01 (the plans' "errors under 1%"). */
  error_rate_max: number;
  /** Share of users that must get to the end. Default 1 (every agent done). */
  agents_done_min: number;
};

/** A stored baseline: the p95 of each step on a known machine (`packages/load/baselines/<scenario>.json`). */
export type LoadBaseline = {
  format: "assay-load-baseline/v1";
  scenario: string;
  users: number;
  taken_at: string;
  machine: LoadResult["machine"];
  steps: Record<string, { p95: number; count: number }>;
};

/** One line of the verdict. */
export type LoadCheck = { name: string; pass: boolean; detail: string };

/** @example const { pass, checks } = judgeLoad(result, budgets, baseline); */
export type LoadVerdict = { pass: boolean; checks: LoadCheck[]; notes: string[] };

/** Problems that are wrong answers, not slowness: any one fails the run. */
export const CORRECTNESS = ["grammar", "contract", "leak", "timeout", "silence"] as const;
const ERRORS = ["http", "socket", "flow"] as const;

export const DEFAULT_LOAD_BUDGETS: LoadBudgets = {
  latency_p95_ms: {},
  regression_pct: 10,
  min_samples: 20,
  error_rate_max: 0.01,
  agents_done_min: 1,
};

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Judges a merged load result: every check of every event passed (0 grammar, contract, leak,
 * timeout and silence problems), runs were checked at all, agents got to the end, the error
 * rate, and per step the p95 against its budget and against the baseline (more than
 * `regression_pct` over it fails; a step with fewer than `min_samples` samples fails, it
 * cannot pass on nothing). Pure: no files, no clock.
 *
 * @example
 * const verdict = judgeLoad(result, { ...DEFAULT_LOAD_BUDGETS, latency_p95_ms: { run: 2000 } }, baseline);
 * if (!verdict.pass) process.exitCode = 1;
 */
export function judgeLoad(
  result: LoadResult,
  budgets: Partial<LoadBudgets> = {},
  baseline?: LoadBaseline,
): LoadVerdict {
  const b = { ...DEFAULT_LOAD_BUDGETS, ...budgets };
  const checks: LoadCheck[] = [];
  const notes: string[] = [];
  const counts = result.problems.counts;
  for (const kind of CORRECTNESS) {
    const n = counts[kind] ?? 0;
    const example = result.problems.examples.find((p) => p.kind === kind);
    checks.push({
      name: kind,
      pass: n === 0,
      detail: n === 0 ? "0 problems" : `${n} problem(s), e.g. ${example?.user}: ${example?.message}`,
    });
  }
  checks.push({
    name: "checked",
    pass: result.runs.checked > 0,
    detail:
      result.runs.checked > 0
        ? `${result.runs.checked} of ${result.runs.started} runs checked, ${result.runs.events} events${result.sampling.allowed ? ` (sampled: ${result.sampling.rate * 100}% of runs, the scenario allows it)` : " (every event)"}`
        : "no run was checked: a load run that checks nothing fails",
  });
  const done = result.users.planned === 0 ? 0 : result.users.done / result.users.planned;
  checks.push({
    name: "agents_done",
    pass: result.users.planned > 0 && done >= b.agents_done_min,
    detail: `${result.users.done} of ${result.users.planned} agents done (${round(done * 100)}%, min ${b.agents_done_min * 100}%)`,
  });
  const flows = Object.values(result.flows).reduce((a, n) => a + n, 0);
  const errors = ERRORS.reduce((sum, kind) => sum + (counts[kind] ?? 0), 0);
  const rate = errors / Math.max(1, flows + errors);
  const firstError = result.problems.examples.find((p) => (ERRORS as readonly string[]).includes(p.kind));
  checks.push({
    name: "error_rate",
    pass: rate <= b.error_rate_max,
    detail: `${errors} error(s) in ${flows + errors} flows (${round(rate * 100)}%, max ${b.error_rate_max * 100}%)${firstError ? `, e.g. ${firstError.user}: ${firstError.message}` : ""}`,
  });
  for (const [step, limit] of Object.entries(b.latency_p95_ms)) {
    const stats = result.steps[step];
    if (!stats || stats.count < b.min_samples) {
      checks.push({
        name: `p95 ${step}`,
        pass: false,
        detail: `${stats?.count ?? 0} sample(s), fewer than ${b.min_samples}: the budget of ${limit} ms cannot be judged`,
      });
      continue;
    }
    checks.push({
      name: `p95 ${step}`,
      pass: stats.p95 <= limit,
      detail: `${stats.p95} ms ${stats.p95 <= limit ? "≤" : ">"} ${limit} ms budget (${stats.count} samples)`,
    });
  }
  if (baseline) {
    if (baseline.scenario !== result.scenario)
      throw new Error(
        `[assay/load] the baseline is of scenario "${baseline.scenario}", the result of "${result.scenario}": pass the baseline of this scenario.`,
      );
    if (
      baseline.machine.hostname !== result.machine.hostname ||
      baseline.machine.cpus !== result.machine.cpus
    )
      notes.push(
        `baseline taken on ${baseline.machine.hostname} (${baseline.machine.cpus} CPUs) at ${baseline.taken_at}; this run on ${result.machine.hostname} (${result.machine.cpus} CPUs): compare like with like`,
      );
    if (baseline.users !== result.users.planned)
      notes.push(`baseline taken with ${baseline.users} users, this run has ${result.users.planned}`);
    const factor = 1 + b.regression_pct / 100;
    for (const [step, base] of Object.entries(baseline.steps)) {
      const stats = result.steps[step];
      if (!stats || stats.count < b.min_samples) {
        checks.push({
          name: `baseline ${step}`,
          pass: false,
          detail: `${stats?.count ?? 0} sample(s), fewer than ${b.min_samples}: cannot compare with the baseline p95 ${base.p95} ms`,
        });
        continue;
      }
      const over = (stats.p95 / base.p95 - 1) * 100;
      checks.push({
        name: `baseline ${step}`,
        pass: stats.p95 <= base.p95 * factor,
        detail: `p95 ${stats.p95} ms is ${over >= 0 ? `${round(over)}% over` : `${round(-over)}% under`} the baseline ${base.p95} ms (max +${b.regression_pct}%)`,
      });
    }
  }
  return { pass: checks.every((c) => c.pass), checks, notes };
}

/**
 * A baseline from a result: the p95 of every step with at least `minSamples` samples, and the
 * machine. Refuses a result that failed a correctness check: a broken run is no baseline.
 *
 * @example
 * writeFileSync("packages/load/baselines/smoke.json", JSON.stringify(baselineOf(result), null, 2));
 */
export function baselineOf(result: LoadResult, minSamples = DEFAULT_LOAD_BUDGETS.min_samples): LoadBaseline {
  const broken = CORRECTNESS.filter((kind) => (result.problems.counts[kind] ?? 0) > 0);
  if (broken.length > 0 || result.runs.checked === 0)
    throw new Error(
      `[assay/load] this result cannot be a baseline: ${broken.length > 0 ? `it has ${broken.join(", ")} problems` : "it checked no run"}. Fix the run first.`,
    );
  const steps: LoadBaseline["steps"] = {};
  for (const [step, stats] of Object.entries(result.steps))
    if (stats.count >= minSamples) steps[step] = { p95: stats.p95, count: stats.count };
  return {
    format: "assay-load-baseline/v1",
    scenario: result.scenario,
    users: result.users.planned,
    taken_at: result.started_at,
    machine: result.machine,
    steps,
  };
}
