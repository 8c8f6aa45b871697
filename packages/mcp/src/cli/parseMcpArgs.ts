import { parseArgs } from "node:util";
import { McpInputError } from "../matrix/McpInputError.ts";

/** What `assay mcp` was asked to do. */
export type McpArgs = {
  help: boolean;
  url: string;
  token?: string;
  config?: string;
  era: "auto" | "session" | "stateless" | "both";
  seed: number;
  out: string;
  /** Call destructive tools too: the target is yours alone, not shared. */
  callDestructive: boolean;
};

export const MCP_USAGE = `usage: assay mcp --url <url> [--token <token>] [--config <file>] [--era auto|session|stateless|both]
                 [--seed <n>] [--out reports/mcp] [--call-destructive] [--help]

Runs the tool matrix against an MCP server over Streamable HTTP: lists every tool, checks its
schemas, calls it with seeded valid arguments and with invalid mutants, and prints the matrix.
  --url               the MCP endpoint (or ASSAY_MCP_URL)
  --token             bearer token (or ASSAY_MCP_TOKEN, which keeps it out of shell history)
  --config            target config: real arguments, tools to skip, token budgets, expected failures
  --era               protocol era to test; both = one matrix per era (default auto: what the server picks)
  --seed              seed of the argument generator (default: the config's, else random; always printed)
  --out               where tool-matrix.json and tool-matrix.md go (default reports/mcp)
  --call-destructive  also call tools that may destroy data (default: only read-only and non-destructive
                      tools, as on a shared target)
Exit codes: 0 every case passed, 1 the matrix failed, 2 bad input (arguments, config, unreachable server).`;

const ERAS = ["auto", "session", "stateless", "both"] as const;

/**
 * Parses `assay mcp` arguments strictly (`node:util` parseArgs): an unknown flag, a missing value
 * or a bad URL, era or seed is a one-line `McpInputError` naming it. The URL and token fall back
 * to `ASSAY_MCP_URL` and `ASSAY_MCP_TOKEN`.
 *
 * @example
 * parseMcpArgs(["--url", "http://127.0.0.1:3001/mcp", "--seed", "7"], {}).seed; // 7
 */
export function parseMcpArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  randomSeed: () => number = () => Math.floor(Math.random() * 2 ** 31),
): McpArgs & { seedGiven: boolean } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: "string" },
        token: { type: "string" },
        config: { type: "string" },
        era: { type: "string" },
        seed: { type: "string" },
        out: { type: "string" },
        "call-destructive": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new McpInputError(`${(error as Error).message.replace(/\.$/, "")}; see assay mcp --help`);
  }
  const help = values.help === true;
  const url = (values.url as string | undefined) ?? env.ASSAY_MCP_URL ?? "";
  if (!help) {
    if (url === "") throw new McpInputError("no MCP URL: pass --url <url> or set ASSAY_MCP_URL");
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new McpInputError(
        `--url ${JSON.stringify(url)} is not a URL; give e.g. http://127.0.0.1:3001/mcp`,
      );
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
      throw new McpInputError(`--url must be http(s), got ${parsed.protocol}`);
  }
  const era = (values.era as string | undefined) ?? "auto";
  if (!(ERAS as readonly string[]).includes(era))
    throw new McpInputError(`--era must be one of ${ERAS.join(", ")}, got ${JSON.stringify(era)}`);
  const seedText = values.seed as string | undefined;
  if (seedText !== undefined && !/^\d{1,10}$/.test(seedText))
    throw new McpInputError(`--seed must be a whole number, got ${JSON.stringify(seedText)}`);
  const seed = seedText === undefined ? randomSeed() : Number(seedText);
  if (seed > 0xffffffff) throw new McpInputError(`--seed must be at most ${0xffffffff}, got ${seedText}`);
  const token = (values.token as string | undefined) ?? env.ASSAY_MCP_TOKEN;
  if (token === "") throw new McpInputError("--token is empty; pass a bearer token or leave it out");
  return {
    help,
    url,
    ...(token === undefined ? {} : { token }),
    ...(values.config === undefined ? {} : { config: values.config as string }),
    era: era as McpArgs["era"],
    seed,
    seedGiven: seedText !== undefined,
    out: (values.out as string | undefined) ?? "reports/mcp",
    callDestructive: values["call-destructive"] === true,
  };
}
