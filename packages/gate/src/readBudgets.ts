import { existsSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { GateInputError } from "./GateInputError.ts";
import type { LoadGateConfig } from "./judgeLoadVerdict.ts";
import { createJsonCheck, readJsonFile } from "./readJsonFile.ts";

/** The budgets the gate holds a run to (`gate.config.json`, every key optional). */
export type Budgets = {
  /** Minimum share of run tests that passed (flaky counts as passed; skipped and baselined are left out). */
  pass_rate_min: number;
  flaky_max: number;
  /** p95 limit per latency step; steps absent from the file keep their default, `null` drops one. */
  latency_p95_ms: Record<string, number>;
  /** A latency step with fewer samples than this is "not enough samples", not a p95. */
  latency_min_samples: number;
  contract_coverage_min: number;
  leaks_max: number;
  expected_shards?: number;
  /** Expected-failures baseline; relative paths are taken from the budgets file's folder. */
  baseline?: string;
  /** Budgets that may pass with nothing to measure: `pass_rate`, `contract_coverage`, `latency_p95.<step>`. */
  allow_empty: string[];
  /** The MCP tool matrix's budgets, as written; `@assay/mcp/gate` checks them in detail. */
  mcp?: unknown;
  /** The load verdict: `required` (default false) and where it is (`verdict`). */
  load?: LoadGateConfig;
};

/** The defaults: everything must pass, no flakes, no leaks, every contract exercised, 20 samples a step. */
export const DEFAULT_BUDGETS: Budgets = {
  pass_rate_min: 1,
  flaky_max: 0,
  latency_p95_ms: { first_event: 1000, tool_call: 500, run: 3000 },
  latency_min_samples: 20,
  contract_coverage_min: 1,
  leaks_max: 0,
  allow_empty: [],
};

const check = createJsonCheck(new URL("../schemas/gate.config.schema.json", import.meta.url));
const FIX = "fix it (see packages/gate/README.md) or pass --config <path>";

/**
 * Validates a parsed budgets file against `schemas/gate.config.schema.json` (an unknown key or a
 * wrong type names the JSON path and the rule) and merges it over `DEFAULT_BUDGETS`. An
 * `allow_empty` entry must name a budget the gate holds.
 *
 * @example
 * parseBudgets({ flaky_max: 2, latency_p95_ms: { run: 5000 } }, "gate.config.json").latency_p95_ms;
 * // { first_event: 1000, tool_call: 500, run: 5000 }
 */
export function parseBudgets(value: unknown, source: string): Budgets {
  const problem = check(value);
  if (problem) throw new GateInputError(`budgets file ${source}: ${problem}; ${FIX}`);
  const {
    $schema: _schema,
    latency_p95_ms: steps = {},
    ...rest
  } = value as Partial<Budgets> & {
    $schema?: string;
    latency_p95_ms?: Record<string, number | null>;
  };
  const budgets: Budgets = {
    ...DEFAULT_BUDGETS,
    ...rest,
    latency_p95_ms: { ...DEFAULT_BUDGETS.latency_p95_ms },
  };
  for (const [step, ms] of Object.entries(steps)) {
    if (ms === null) delete budgets.latency_p95_ms[step];
    else budgets.latency_p95_ms[step] = ms;
  }
  const names = new Set([
    "pass_rate",
    "contract_coverage",
    ...Object.keys(budgets.latency_p95_ms).map((s) => `latency_p95.${s}`),
  ]);
  for (const [i, name] of budgets.allow_empty.entries())
    if (!names.has(name))
      throw new GateInputError(
        `budgets file ${source}: allow_empty[${i}] names no budget (${JSON.stringify(name)}; allowed: ${[...names].join(", ")}); ${FIX}`,
      );
  return budgets;
}

/**
 * Reads and validates a budgets file. A missing file is fine when it was not named
 * (`explicit` false): the defaults apply. A relative `baseline` is resolved against the budgets
 * file's folder.
 *
 * @example
 * const budgets = readBudgets("gate.config.json", false);
 */
export function readBudgets(path: string, explicit: boolean): Budgets {
  if (!explicit && !existsSync(path)) return parseBudgets({}, path);
  const budgets = parseBudgets(readJsonFile(path, { role: "budgets file", fix: FIX }), path);
  if (budgets.baseline && !isAbsolute(budgets.baseline))
    budgets.baseline = join(dirname(path), budgets.baseline);
  return budgets;
}
