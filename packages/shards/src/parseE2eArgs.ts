import { DURATIONS_FILE } from "./readDurations.ts";
import { ShardsError } from "./ShardsError.ts";

/** `--shard=current/total`. */
export type ShardSpec = { current: number; total: number };
/** What `assay-e2e` was asked to do; `args` pass through to `playwright test`. */
export type E2eCommand =
  | { kind: "run"; shard: ShardSpec | null; args: string[] }
  | { kind: "shards"; count: number; args: string[] }
  | { kind: "record-durations"; from: string; out: string };

/** One line on how to call it, for argument errors. */
export const USAGE =
  "assay-e2e [--shard=i/n] [playwright args…] | assay-e2e shards N [playwright args…] | assay-e2e record-durations [--from reports/results.json] [--out shard-durations.json]";

/**
 * Parses `assay-e2e`'s arguments. `shards` and `record-durations` are subcommands only as the
 * first argument; anything else is `playwright test`'s, except `--shard`, which the wrapper
 * turns into a duration-balanced test list.
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
    if (count === undefined || !/^[1-9]\d*$/.test(count))
      throw new ShardsError(`"shards" needs a shard count ≥ 1, got ${count ?? "nothing"}; usage: ${USAGE}`);
    const { shard } = takeShard(args);
    if (shard) throw new ShardsError(`"shards ${count}" runs every shard itself; drop --shard=${shard}`);
    return { kind: "shards", count: Number(count), args };
  }
  const { shard, args } = takeShard(argv);
  if (shard === undefined) return { kind: "run", shard: null, args };
  const match = /^(\d+)\/(\d+)$/.exec(shard);
  const current = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || current < 1 || total < 1 || current > total)
    throw new ShardsError(`--shard must be i/n with 1 ≤ i ≤ n, e.g. --shard=2/3; got "${shard}"`);
  if (args.some((a) => a === "--test-list" || a.startsWith("--test-list=")))
    throw new ShardsError("--shard picks the tests through its own --test-list; drop one of the two");
  return { kind: "run", shard: { current, total }, args };
}

/** Removes `--shard=x` / `--shard x` from the args; a second one, or one with no value, is an error. */
function takeShard(argv: readonly string[]): { shard: string | undefined; args: string[] } {
  const args: string[] = [];
  let shard: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg !== "--shard" && !arg.startsWith("--shard=")) {
      args.push(arg);
      continue;
    }
    const value = arg === "--shard" ? argv[++i] : arg.slice("--shard=".length);
    if (!value || value.startsWith("-")) throw new ShardsError("--shard needs a value i/n, e.g. --shard=2/3");
    if (shard !== undefined) throw new ShardsError(`--shard given twice (${shard}, ${value}); keep one`);
    shard = value;
  }
  return { shard, args };
}

function parseRecord(argv: readonly string[]): E2eCommand {
  const flags: Record<string, string> = { from: "reports/results.json", out: DURATIONS_FILE };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.startsWith("--") ? arg.slice(2).split(/=(.*)/s, 2) : [undefined, undefined];
    if (name !== "from" && name !== "out")
      throw new ShardsError(`record-durations does not take "${arg}"; usage: ${USAGE}`);
    const value = inline ?? argv[++i];
    if (!value || value.startsWith("--")) throw new ShardsError(`--${name} needs a file; usage: ${USAGE}`);
    flags[name] = value;
  }
  return { kind: "record-durations", from: flags.from as string, out: flags.out as string };
}
