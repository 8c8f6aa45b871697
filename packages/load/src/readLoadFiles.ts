import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import schema from "./budgets.schema.json" with { type: "json" };
import { DEFAULT_LOAD_BUDGETS, type LoadBaseline, type LoadBudgets } from "./judgeLoad.ts";
import type { LoadPart, LoadResult } from "./LoadResult.ts";

/** A file the load CLI or reporter cannot use; one line naming it and what is wrong. */
export class LoadInputError extends Error {
  override name = "LoadInputError";
}

const validateBudgets = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new LoadInputError(
      `[assay/load] ${what} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}).`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LoadInputError(`[assay/load] ${what} ${file} is not JSON: ${(error as Error).message}.`);
  }
}

/** Where the committed budgets live. */
export const BUDGETS_FILE = join(import.meta.dirname, "..", "budgets.json");
/** The committed baseline of a scenario. */
export const baselineFile = (scenario: string): string =>
  join(import.meta.dirname, "..", "baselines", `${scenario}.json`);

/**
 * The budgets of one scenario: the file's top-level keys with the scenario's overrides on top
 * (a step set to null is dropped). Checked against `budgets.schema.json`.
 *
 * @example
 * const budgets = readLoadBudgets("packages/load/budgets.json", "smoke");
 */
export function readLoadBudgets(file: string, scenario: string): LoadBudgets {
  const value = readJson(file, "budgets file");
  if (!validateBudgets(value)) {
    const problems = (validateBudgets.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath || "/"} ${e.message}`);
    throw new LoadInputError(`[assay/load] budgets file ${file}: ${problems.join("; ")}.`);
  }
  type Raw = Partial<Omit<LoadBudgets, "latency_p95_ms">> & {
    latency_p95_ms?: Record<string, number | null>;
  };
  const raw = value as Raw & { scenarios?: Record<string, Raw>; $schema?: string };
  const own = raw.scenarios?.[scenario] ?? {};
  const steps: Record<string, number | null> = { ...raw.latency_p95_ms, ...own.latency_p95_ms };
  const { scenarios: _s, $schema: _x, latency_p95_ms: _l, ...top } = raw;
  const { latency_p95_ms: _o, ...ownTop } = own;
  return {
    ...DEFAULT_LOAD_BUDGETS,
    ...top,
    ...ownTop,
    latency_p95_ms: Object.fromEntries(
      Object.entries(steps).filter((entry): entry is [string, number] => entry[1] !== null),
    ),
  };
}

/**
 * The committed baseline, or undefined when none was stored yet.
 *
 * @example
 * const baseline = readLoadBaseline(baselineFile("smoke"));
 */
export function readLoadBaseline(file: string, required = false): LoadBaseline | undefined {
  if (!required && !existsSync(file)) return undefined;
  const value = (readJson(file, "baseline") ?? {}) as Partial<LoadBaseline>;
  if (value.format !== "assay-load-baseline/v1" || typeof value.steps !== "object" || !value.machine)
    throw new LoadInputError(
      `[assay/load] baseline ${file} is not an assay-load baseline (format "assay-load-baseline/v1" with steps and machine): refresh it with \`pnpm load baseline --result reports/load/result.json\`.`,
    );
  return value as LoadBaseline;
}

/**
 * A result or part file written by a load run (`reports/load/result*.json`).
 *
 * @example
 * const result = readLoadResult("reports/load/result.json");
 */
export function readLoadResult(file: string): LoadPart | LoadResult {
  const value = (readJson(file, "load result") ?? {}) as Partial<LoadResult>;
  if (
    value.format !== "assay-load/v1" ||
    typeof value.histograms !== "object" ||
    !Array.isArray(value.slices)
  )
    throw new LoadInputError(`[assay/load] ${file} is not an assay-load result (format "assay-load/v1").`);
  return value as LoadPart;
}
