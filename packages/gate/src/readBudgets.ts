import { existsSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { GateInputError } from "./GateInputError.ts";
import { readJsonFile } from "./readJsonFile.ts";

/** The budgets the gate holds a run to (`gate.config.json`, every key optional). */
export type Budgets = {
  /** Minimum share of run tests that passed (flaky counts as passed; skipped and baselined are left out). */
  pass_rate_min: number;
  flaky_max: number;
  /** p95 limit per latency step; steps absent from the file keep their default, `null` drops one. */
  latency_p95_ms: Record<string, number>;
  contract_coverage_min: number;
  leaks_max: number;
  expected_shards?: number;
  /** Expected-failures baseline; relative paths are taken from the budgets file's folder. */
  baseline?: string;
  /** Used only when no coverage file is found: where the http/, ws/, mcp/ schemas live. */
  contracts?: { schemas_dir: string };
};

/** The defaults: everything must pass, no flakes, no leaks, every contract exercised. */
export const DEFAULT_BUDGETS: Budgets = {
  pass_rate_min: 1,
  flaky_max: 0,
  latency_p95_ms: { first_event: 1000, tool_call: 500, run: 3000 },
  contract_coverage_min: 1,
  leaks_max: 0,
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Validates a parsed budgets file strictly: an unknown key or a wrong type is a
 * `GateInputError` naming the key. Absent keys take `DEFAULT_BUDGETS`.
 *
 * @example
 * parseBudgets({ flaky_max: 2, latency_p95_ms: { run: 5000 } }, "gate.config.json").latency_p95_ms;
 * // { first_event: 1000, tool_call: 500, run: 5000 }
 */
export function parseBudgets(value: unknown, source: string): Budgets {
  const bad = (key: string, what: string): never => {
    throw new GateInputError(
      `budgets file ${source}: "${key}" ${what}; fix it (see packages/gate/README.md)`,
    );
  };
  if (!isRecord(value)) return bad("(root)", "must be a JSON object");
  const budgets: Budgets = { ...DEFAULT_BUDGETS, latency_p95_ms: { ...DEFAULT_BUDGETS.latency_p95_ms } };
  const ratio = (key: string, v: unknown): number =>
    typeof v === "number" && v >= 0 && v <= 1
      ? v
      : bad(key, `must be a number from 0 to 1, got ${JSON.stringify(v)}`);
  const count = (key: string, v: unknown, min: number): number =>
    Number.isInteger(v) && (v as number) >= min
      ? (v as number)
      : bad(key, `must be an integer >= ${min}, got ${JSON.stringify(v)}`);
  for (const [key, v] of Object.entries(value)) {
    if (key === "pass_rate_min") budgets.pass_rate_min = ratio(key, v);
    else if (key === "contract_coverage_min") budgets.contract_coverage_min = ratio(key, v);
    else if (key === "flaky_max") budgets.flaky_max = count(key, v, 0);
    else if (key === "leaks_max") budgets.leaks_max = count(key, v, 0);
    else if (key === "expected_shards") budgets.expected_shards = count(key, v, 1);
    else if (key === "baseline")
      budgets.baseline = typeof v === "string" && v !== "" ? v : bad(key, "must be a file path");
    else if (key === "latency_p95_ms") {
      if (!isRecord(v)) bad(key, 'must be an object like {"run": 3000}');
      for (const [step, ms] of Object.entries(v as Record<string, unknown>)) {
        if (ms === null) delete budgets.latency_p95_ms[step];
        else if (typeof ms === "number" && ms > 0 && Number.isFinite(ms)) budgets.latency_p95_ms[step] = ms;
        else
          bad(
            `latency_p95_ms.${step}`,
            `must be a number of ms > 0 (or null to drop the step), got ${JSON.stringify(ms)}`,
          );
      }
    } else if (key === "contracts") {
      if (!isRecord(v)) return bad(key, 'must be an object like {"schemas_dir": "contracts"}');
      for (const k of Object.keys(v))
        if (k !== "schemas_dir") bad(`contracts.${k}`, "is not a known key (allowed: schemas_dir)");
      if (typeof v.schemas_dir !== "string" || v.schemas_dir === "")
        bad("contracts.schemas_dir", "must be a folder path");
      budgets.contracts = { schemas_dir: v.schemas_dir as string };
    } else
      bad(
        key,
        "is not a known key (allowed: pass_rate_min, flaky_max, latency_p95_ms, contract_coverage_min, leaks_max, expected_shards, baseline, contracts)",
      );
  }
  return budgets;
}

/**
 * Reads and validates a budgets file. A missing file is fine when it was not named
 * (`explicit` false): the defaults apply. Relative `baseline` and `contracts.schemas_dir`
 * are resolved against the budgets file's folder.
 *
 * @example
 * const budgets = readBudgets("gate.config.json", false);
 */
export function readBudgets(path: string, explicit: boolean): Budgets {
  if (!explicit && !existsSync(path)) return parseBudgets({}, path);
  const budgets = parseBudgets(readJsonFile(path, "budgets file", "fix it or pass --config <path>"), path);
  const near = (p: string): string => (isAbsolute(p) ? p : join(dirname(path), p));
  if (budgets.baseline) budgets.baseline = near(budgets.baseline);
  if (budgets.contracts) budgets.contracts = { schemas_dir: near(budgets.contracts.schemas_dir) };
  return budgets;
}
