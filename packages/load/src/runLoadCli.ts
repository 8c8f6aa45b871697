import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { baselineOf } from "./judgeLoad.ts";
import { mergeLoadParts } from "./mergeLoadParts.ts";
import {
  BUDGETS_FILE,
  baselineFile,
  LoadInputError,
  readLoadBaseline,
  readLoadBudgets,
  readLoadResult,
} from "./readLoadFiles.ts";
import { writeLoadReport } from "./writeLoadReport.ts";

export const LOAD_USAGE = [
  "assay-load merge <result.json|folder>… [--out reports/load] [--budgets file] [--baseline file]",
  "assay-load judge --result reports/load/result.json [--budgets file] [--baseline file] [--out reports/load]",
  "assay-load baseline --result reports/load/result.json [--out packages/load/baselines/<scenario>.json]",
].join("\n       ");

/** What the CLI printed and its exit code: 0 pass, 1 fail, 2 bad input. */
export type LoadCliOutput = { code: 0 | 1 | 2; stdout: string; stderr: string };

function resultFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    if (!existsSync(path)) throw new LoadInputError(`[assay/load] ${path} does not exist.`);
    if (statSync(path).isDirectory())
      files.push(
        ...readdirSync(path)
          .filter((name) => /^result.*\.json$/.test(name))
          .sort()
          .map((name) => join(path, name)),
      );
    else files.push(path);
  }
  if (files.length === 0) throw new LoadInputError(`[assay/load] no result*.json in ${paths.join(", ")}.`);
  return files;
}

/**
 * The `assay-load` CLI, as a function (the bin prints its output and exits with its code):
 * `merge` adds shard results into one and judges it, `judge` judges a result against budgets and
 * the baseline, `baseline` stores a result's p95s as the new baseline, on purpose.
 *
 * @example
 * const { code, stdout } = runLoadCli(["judge", "--result", "reports/load/result.json"]);
 */
export function runLoadCli(argv: string[]): LoadCliOutput {
  try {
    const [command, ...rest] = argv;
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: command === "merge",
      options: {
        result: { type: "string" },
        out: { type: "string" },
        budgets: { type: "string" },
        baseline: { type: "string" },
      },
    });
    if (command === "baseline") {
      if (!values.result) throw new LoadInputError("[assay/load] baseline needs --result <file>.");
      const result = mergeLoadParts([readLoadResult(values.result)]);
      const baseline = baselineOf(result);
      const out = values.out ?? baselineFile(result.scenario);
      writeFileSync(out, `${JSON.stringify(baseline, null, 2)}\n`);
      return {
        code: 0,
        stdout: `[assay/load] baseline of ${result.scenario} written to ${out}: ${Object.keys(baseline.steps).length} steps, machine ${baseline.machine.hostname} (${baseline.machine.cpus} CPUs, load avg ${baseline.machine.load_avg.join(" ")}). Commit it.\n`,
        stderr: "",
      };
    }
    if (command !== "merge" && command !== "judge")
      throw new LoadInputError(
        `[assay/load] unknown command ${JSON.stringify(command ?? "")}; usage: ${LOAD_USAGE}`,
      );
    const inputs = command === "merge" ? positionals : values.result ? [values.result] : [];
    if (inputs.length === 0)
      throw new LoadInputError(
        `[assay/load] ${command} needs ${command === "merge" ? "result files or folders" : "--result <file>"}.`,
      );
    const result = mergeLoadParts(resultFiles(inputs).map(readLoadResult));
    const budgets = readLoadBudgets(values.budgets ?? BUDGETS_FILE, result.scenario);
    const baseline = readLoadBaseline(
      values.baseline ?? baselineFile(result.scenario),
      values.baseline !== undefined,
    );
    const { verdict, table, files } = writeLoadReport(result, {
      outDir: values.out ?? "reports/load",
      name: command === "merge" ? "result" : "judged",
      budgets,
      baseline,
    });
    return {
      code: verdict?.pass ? 0 : 1,
      stdout: `${table}\n\nwrote ${files.join(", ")}\n`,
      stderr: "",
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = message.startsWith("[assay/load]")
      ? message
      : `[assay/load] ${message}; usage: ${LOAD_USAGE}`;
    return { code: 2, stdout: "", stderr: `${line.split("\n")[0]}\n` };
  }
}
