import { existsSync } from "node:fs";
import type { BudgetResult } from "./computeVerdict.ts";
import type { IgnoredFile } from "./readCoverage.ts";
import { createJsonCheck, readJsonFile } from "./readJsonFile.ts";
import type { RunWindow } from "./readReport.ts";

/** The `load` key of gate.config.json. */
export type LoadGateConfig = {
  /** A run without a load verdict of its own is a no-go. Default false: judged when present. */
  required?: boolean;
  /** Where `@assay/load/reporter` wrote the verdict. Default `reports/load/verdict.json`. */
  verdict?: string;
};

/** What the gate used of the load verdict, for `verdict.json` and the console. */
export type LoadVerdictFiles = { used: string | null; ignored: IgnoredFile[] };

type RawLoadVerdict = {
  pass: boolean;
  checks: { name: string; pass: boolean; detail: string }[];
  run?: { started_at: string; id?: string; scenario?: string };
};

/** Where `@assay/load/reporter` writes the verdict of an unsharded load run. */
export const DEFAULT_LOAD_VERDICT = "reports/load/verdict.json";
const check = createJsonCheck(new URL("../schemas/load-verdict.schema.json", import.meta.url));
const FIX =
  "a load verdict is {pass, checks: [{name, pass, detail}], run: {started_at}} as @assay/load/reporter writes it";

/**
 * The `load` budget row: the load verdict of the judged run, when it has one. Only a verdict
 * whose `run.started_at` (Playwright's run start, which `@assay/load/reporter` writes) lies in a
 * judged report's window counts, as for coverage files; one another run left behind, or one
 * without a run (`pnpm load judge`), is listed as ignored, never judged. A failed verdict fails
 * the row, naming each failed check; with `required`, no verdict of this run fails it too. A
 * verdict file that is not a load verdict is bad input (exit 2).
 *
 * @example
 * const { rows, files } = judgeLoadVerdict({ required: true }, reports.map((r) => r.window));
 */
export function judgeLoadVerdict(
  config: LoadGateConfig | undefined,
  windows: readonly RunWindow[],
): { rows: BudgetResult[]; files: LoadVerdictFiles } {
  const path = config?.verdict ?? DEFAULT_LOAD_VERDICT;
  const required = config?.required === true;
  const files: LoadVerdictFiles = { used: null, ignored: [] };
  const missing = (why: string): { rows: BudgetResult[]; files: LoadVerdictFiles } => ({
    rows: required
      ? [
          {
            name: "load",
            value: null,
            limit: 0,
            ok: false,
            detail: `load.required is set but this run has no load verdict: ${why}; run the load projects in the same run (ASSAY_LOAD=1 … --project=load) or set load.required to false`,
          },
        ]
      : [],
    files,
  });
  if (!existsSync(path)) return missing(`${path} not found`);
  const verdict = readJsonFile(path, { role: "load verdict", fix: FIX, check }) as RawLoadVerdict;
  const startedAt = verdict.run ? Date.parse(verdict.run.started_at) : Number.NaN;
  if (!verdict.run) {
    files.ignored.push({
      path,
      why: "no run.started_at (judged outside a Playwright run), so its run is unknown",
    });
    return missing(`ignored ${path}: no run.started_at`);
  }
  // 1 ms of slack, as for coverage files: durations are fractional, start times whole ms.
  if (!windows.some((w) => startedAt >= w.start - 1 && startedAt <= w.end + 1)) {
    const why = `written by another run (started ${verdict.run.started_at})`;
    files.ignored.push({ path, why });
    return missing(`ignored ${path}: ${why}`);
  }
  files.used = path;
  const failed = verdict.checks.filter((c) => !c.pass);
  const scenario = verdict.run.scenario ? ` (scenario ${verdict.run.scenario})` : "";
  const ok = verdict.pass && failed.length === 0 && verdict.checks.length > 0;
  let detail: string;
  if (ok) detail = `the load verdict ${path}${scenario} passed its ${verdict.checks.length} checks`;
  else if (failed.length > 0)
    detail = `the load verdict ${path}${scenario} failed ${failed.length} of ${verdict.checks.length} checks: ${failed.map((c) => `${c.name}: ${c.detail}`).join("; ")}`;
  else
    detail = `the load verdict ${path}${scenario} ${verdict.checks.length === 0 ? "has no check: nothing was judged" : "says fail"}`;
  return {
    rows: [{ name: "load", value: failed.length, limit: 0, ok, detail }],
    files,
  };
}
