import { parseArgs } from "node:util";
import { describeArgError } from "@assay/gate";
import { DURATIONS_FILE } from "./durations.ts";
import { ShardsError } from "./ShardsError.ts";

/** `--shard=current/total`. */
export type ShardSpec = { current: number; total: number };
/** What `assay-e2e` was asked to do; `args` pass through to `playwright test`. */
export type E2eCommand =
  | { kind: "run"; shard: ShardSpec | null; args: string[] }
  | { kind: "shards"; count: number; args: string[] }
  | { kind: "record-durations"; from: string; out: string }
  | { kind: "help" };

const USAGE =
  "usage: assay-e2e [--shard=i/n] [playwright test args…] | assay-e2e shards N [playwright test args…] | assay-e2e record-durations [--from reports/results.json] [--out shard-durations.json]";

/**
 * What `assay-e2e --help` prints: the commands, and the variables a run reads.
 *
 * @example
 * process.stdout.write(`${E2E_HELP}\n`);
 */
export const E2E_HELP = `${USAGE}

  assay-e2e [playwright test args…]     playwright test, args and exit code passed through
  assay-e2e --shard=i/n [args…]         one shard, balanced by ${DURATIONS_FILE}
  assay-e2e shards N [args…]            all N shards here on one backend, merged, then the gate
  assay-e2e record-durations            rewrite ${DURATIONS_FILE} from --from (default reports/results.json)
  -h, --help                            this text; playwright test's own options: playwright test --help

Variables (a missing or malformed one stops the run before any test, naming it):
  ASSAY_TARGET          local (default: boot apps/agent-api) or staging (boot nothing)
  ASSAY_BASE_URL        staging: the service's HTTP origin
  ASSAY_WS_URL          the event stream (default <base url with ws(s)>/v1/ws)
  ASSAY_ADMIN_TOKEN     staging: the test-support token (local runs make one up)
  ASSAY_DATABASE_URL    staging database, only for the database checks
  ASSAY_USERS           users running agent flows at once in isolation (2-100, default 10)
  ASSAY_PORT            local: the backend's port (default 4310)
  ASSAY_RUN_ID          tags every record the run creates (default: generated)
  ASSAY_SHARD           i/n; set by --shard, part of every record's tag
  ASSAY_WORKERS         Playwright workers (default 2; shards N: cores / N)
  ASSAY_EXTERNAL_SERVER a backend already listens on ASSAY_PORT: boot none
  DATABASE_URL          local: the PostgreSQL the booted backend uses (default: embedded)`;

// playwright test's options (1.65), so a typo is refused here in one line instead of reaching
// Playwright or, worse, being read as a test filter. parseE2eArgs.test.ts checks this list
// against the installed Playwright's --help.
const PLAYWRIGHT_VALUES = [
  "add-reporter",
  "browser",
  "config",
  "global-timeout",
  "grep",
  "grep-invert",
  "last-failed-file",
  "max-failures",
  "output",
  "project",
  "repeat-each",
  "reporter",
  "retries",
  "run-agents",
  "test-list",
  "test-list-invert",
  "timeout",
  "trace",
  "tsconfig",
  "ui-host",
  "ui-port",
  "update-source-method",
  "workers",
] as const;
const PLAYWRIGHT_FLAGS = [
  "fail-on-flaky-tests",
  "forbid-only",
  "fully-parallel",
  "headed",
  "ignore-snapshots",
  "last-failed",
  "list",
  "no-deps",
  "pass-with-no-tests",
  "quiet",
  "ui",
  "x",
] as const;
/** Options whose value is optional (`--debug`, `--debug=cli`); parsed as strings, written back as given. */
const PLAYWRIGHT_OPTIONAL = ["debug", "only-changed", "shuffle", "update-snapshots"] as const;
const SHORT: Record<string, string> = {
  config: "c",
  grep: "g",
  "grep-invert": "G",
  workers: "j",
  x: "x",
  "update-snapshots": "u",
};
/** Every option `assay-e2e` accepts in front of a playwright test run, for the tests. */
export const PLAYWRIGHT_OPTIONS: readonly string[] = [
  ...PLAYWRIGHT_VALUES,
  ...PLAYWRIGHT_FLAGS,
  ...PLAYWRIGHT_OPTIONAL,
];

type OptionConfig = { type: "string" | "boolean"; short?: string; multiple?: boolean };
const RUN_OPTIONS: Record<string, OptionConfig> = {
  shard: { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
};
for (const name of [...PLAYWRIGHT_VALUES, ...PLAYWRIGHT_OPTIONAL])
  RUN_OPTIONS[name] = { type: "string", multiple: true, ...(SHORT[name] ? { short: SHORT[name] } : {}) };
for (const name of PLAYWRIGHT_FLAGS)
  RUN_OPTIONS[name] = { type: "boolean", multiple: true, ...(SHORT[name] ? { short: SHORT[name] } : {}) };

/**
 * Parses `assay-e2e`'s arguments with `node:util` `parseArgs` (strict). `shards` and
 * `record-durations` are subcommands only as the first argument; every other option must be
 * assay-e2e's (`--shard`, `--help`) or one of `playwright test`'s, which pass through in their
 * original order and spelling; test filters pass through too. An unknown option is a one-line
 * `ShardsError` naming it.
 *
 * @example
 * parseE2eArgs(["--shard=2/3", "--project=ws"]); // { kind: "run", shard: { current: 2, total: 3 }, args: ["--project=ws"] }
 * parseE2eArgs(["shards", "3"]); // { kind: "shards", count: 3, args: [] }
 */
export function parseE2eArgs(argv: readonly string[]): E2eCommand {
  const [first, ...rest] = argv;
  if (first === "record-durations") return parseRecord(rest);
  if (first === "shards") {
    const [count, ...args] = rest;
    if (count === "--help" || count === "-h") return { kind: "help" };
    if (count === undefined || !/^[1-9]\d*$/.test(count))
      throw new ShardsError(`"shards" needs a shard count ≥ 1, got ${count ?? "nothing"}; ${USAGE}`);
    const parsed = parseRun(args);
    if (parsed.kind !== "run") return parsed;
    if (parsed.shard)
      throw new ShardsError(
        `"shards ${count}" runs every shard itself; drop --shard=${parsed.shard.current}/${parsed.shard.total}`,
      );
    return { kind: "shards", count: Number(count), args: parsed.args };
  }
  return parseRun(argv);
}

function parseRun(argv: readonly string[]): E2eCommand {
  // A bare optional-value option (`--debug`) is given an empty inline value so parseArgs accepts it.
  const optional = new Set<string>(
    PLAYWRIGHT_OPTIONAL.flatMap((o) => [`--${o}`, SHORT[o] ? `-${SHORT[o]}` : ""]),
  );
  const prepared = argv.map((arg) =>
    optional.has(arg) ? `${arg.startsWith("--") ? arg : "--update-snapshots"}=` : arg,
  );
  let tokens: NonNullable<ReturnType<typeof parseArgs>["tokens"]>;
  let values: Record<string, unknown>;
  try {
    ({ tokens, values } = parseArgs({
      args: prepared,
      options: RUN_OPTIONS,
      strict: true,
      allowPositionals: true,
      tokens: true,
    }));
  } catch (error) {
    const problem = describeArgError(error as Error & { code?: string });
    throw new ShardsError(
      `${problem}${problem.startsWith("unknown option") ? " (neither assay-e2e's nor playwright test's)" : ""}; ${USAGE}`,
    );
  }
  if (values.help) return { kind: "help" };
  const shards = (values.shard as string[] | undefined) ?? [];
  if (shards.length > 1) throw new ShardsError(`--shard given twice (${shards.join(", ")}); keep one`);
  // Pass Playwright's arguments through as the user wrote them, minus the wrapper's own.
  const args: string[] = [];
  let last = -1;
  for (const token of tokens) {
    if (token.kind === "option" && (token.name === "shard" || token.name === "help")) continue;
    // Grouped short flags (`-xj2`) are several tokens of one argument.
    if (token.index === last) continue;
    last = token.index;
    if (token.kind === "option-terminator") {
      args.push(...argv.slice(token.index));
      break;
    }
    args.push(argv[token.index] as string);
    if (token.kind === "option" && token.value !== undefined && token.inlineValue === false)
      args.push(argv[token.index + 1] as string);
  }
  const shard = shards[0];
  if (shard === undefined) return { kind: "run", shard: null, args };
  const match = /^(\d+)\/(\d+)$/.exec(shard);
  const current = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || current < 1 || total < 1 || current > total)
    throw new ShardsError(`--shard must be i/n with 1 ≤ i ≤ n, e.g. --shard=2/3; got "${shard}"`);
  if (values["test-list"] !== undefined)
    throw new ShardsError("--shard picks the tests through its own --test-list; drop one of the two");
  return { kind: "run", shard: { current, total }, args };
}

function parseRecord(argv: readonly string[]): E2eCommand {
  let values: { from?: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { from: { type: "string" }, out: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ShardsError(
      `record-durations: ${describeArgError(error as Error & { code?: string })}; ${USAGE}`,
    );
  }
  if (values.help) return { kind: "help" };
  for (const flag of ["from", "out"] as const)
    if (values[flag] === "") throw new ShardsError(`record-durations: --${flag} needs a file; ${USAGE}`);
  return {
    kind: "record-durations",
    from: values.from ?? "reports/results.json",
    out: values.out ?? DURATIONS_FILE,
  };
}
