import { parseArgs } from "node:util";
import { GateInputError } from "./GateInputError.ts";

/** The parsed command line of `assay-gate`. */
export type GateArgs = {
  report: string[];
  blobs?: string;
  coverage?: string;
  config?: string;
  baseline?: string;
  out?: string;
  shards?: number;
  help: boolean;
};

/** One-line usage, reused by every argument error. */
const USAGE =
  "usage: assay-gate --report <file|folder> [--report …] [--blobs <folder>] [--coverage <folder|file|glob>] [--config gate.config.json] [--baseline gate.baseline.json] [--out reports/gate] [--shards N]";

/**
 * What `assay-gate --help` prints.
 *
 * @example
 * console.log(GATE_HELP);
 */
export const GATE_HELP = `${USAGE}

Judges a Playwright run against its budgets (gate.config.json) and expected failures
(gate.baseline.json); writes verdict.json, summary.md and latency.svg under --out.

  --report <path>     Playwright JSON report (merged, or one per shard); a folder means its reports
  --blobs <path>      blob report folder (or one zip) merge-reports read: shard indices and test counts
  --coverage <path>   contract coverage files (folder, file or glob; default reports/); only the
                      judged run's files count, others are listed as ignored
  --config <file>     budgets file (default gate.config.json; missing default = default budgets)
  --baseline <file>   expected failures (default: the budgets file's "baseline", else gate.baseline.json)
  --out <folder>      where the verdict goes (default reports/gate)
  --shards <N>        expected shard count (default: budgets "expected_shards")
  -h, --help          this text

Exit codes: 0 go, 1 no-go, 2 bad input (one line on stderr). Reads GITHUB_STEP_SUMMARY to append the summary.`;

const OPTIONS = {
  report: { type: "string", multiple: true },
  blobs: { type: "string" },
  coverage: { type: "string" },
  config: { type: "string" },
  baseline: { type: "string" },
  out: { type: "string" },
  shards: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/**
 * Parses `assay-gate` arguments with `node:util` `parseArgs` (strict: `--flag value` or
 * `--flag=value`; `--report` may repeat). An unknown option, a stray argument, a missing value or
 * a missing `--report` is a one-line `GateInputError` naming it.
 *
 * @example
 * parseGateArgs(["--report", "reports/results.json", "--shards=3"]);
 * // { report: ["reports/results.json"], shards: 3, help: false }
 */
export function parseGateArgs(argv: readonly string[]): GateArgs {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>["values"];
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new GateInputError(`${describeArgError(error as Error & { code?: string })}; ${USAGE}`);
  }
  const { report = [], shards, help = false, ...paths } = values;
  for (const [flag, value] of Object.entries({ ...paths, report: report.find((r) => r === "") }))
    if (value === "") throw new GateInputError(`--${flag} needs a value; ${USAGE}`);
  const args: GateArgs = { report, help, ...paths };
  if (shards !== undefined) {
    if (!/^[1-9]\d*$/.test(shards))
      throw new GateInputError(`--shards must be a whole number >= 1, got "${shards}"`);
    args.shards = Number(shards);
  }
  if (!help && report.length === 0)
    throw new GateInputError(
      `missing --report <file|folder> (the Playwright JSON report of the run); ${USAGE}`,
    );
  return args;
}

/**
 * `parseArgs`' errors as one short clause naming the argument (its own messages run to several
 * sentences).
 *
 * @example
 * describeArgError(error); // "unknown option --shard"
 */
export function describeArgError(error: Error & { code?: string }): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? "";
  // "-h, --help" or "--report <value>": name the long form.
  const flag = /--[\w-]+/.exec(quoted)?.[0] ?? quoted.split(" ")[0] ?? quoted;
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${flag}`;
  if (error.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return `unexpected argument "${quoted}"`;
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
    return /does not take an argument/.test(error.message)
      ? `${flag} takes no value`
      : `${flag} needs a value`;
  return error.message.split("\n")[0] ?? "bad arguments";
}
