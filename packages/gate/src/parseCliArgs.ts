import { GateInputError } from "./GateInputError.ts";

/** The parsed command line of `assay-gate`. */
export type CliArgs = {
  report: string[];
  blobs?: string;
  coverage?: string;
  config?: string;
  baseline?: string;
  out?: string;
  shards?: number;
  help: boolean;
};

/**
 * One-line usage, reused by every argument error and by `--help`.
 *
 * @example
 * console.log(USAGE);
 */
export const USAGE =
  "usage: assay-gate --report <file|folder> [--report …] [--blobs <folder>] [--coverage <folder|file|glob>] [--config gate.config.json] [--baseline gate.baseline.json] [--out reports/gate] [--shards N]";

const FLAGS = ["report", "blobs", "coverage", "config", "baseline", "out", "shards"] as const;
type Flag = (typeof FLAGS)[number];

/**
 * Parses `assay-gate` arguments (`--flag value` or `--flag=value`; `--report` may repeat).
 * An unknown argument, a missing value or a missing `--report` is a `GateInputError`.
 *
 * @example
 * parseCliArgs(["--report", "reports/report.json", "--shards=3"]);
 * // { report: ["reports/report.json"], shards: 3, help: false }
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { report: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--help" || arg === "-h") {
      args.help = true;
      continue;
    }
    const match = /^--([a-z]+)(?:=(.*))?$/s.exec(arg);
    const flag = match?.[1] as Flag | undefined;
    if (!match || !flag || !FLAGS.includes(flag))
      throw new GateInputError(`unknown argument "${arg}"; ${USAGE}`);
    let value = match[2];
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--"))
        throw new GateInputError(`--${flag} needs a value; ${USAGE}`);
      value = next;
      i++;
    }
    if (value === "") throw new GateInputError(`--${flag} needs a value; ${USAGE}`);
    if (flag === "report") args.report.push(value);
    else if (flag === "shards") {
      if (!/^[1-9]\d*$/.test(value))
        throw new GateInputError(`--shards must be a whole number >= 1, got "${value}"`);
      args.shards = Number(value);
    } else args[flag] = value;
  }
  if (!args.help && args.report.length === 0)
    throw new GateInputError(
      `missing --report <file|folder> (the Playwright JSON report of the run); ${USAGE}`,
    );
  return args;
}
