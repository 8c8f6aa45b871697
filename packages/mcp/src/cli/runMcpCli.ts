import { McpInputError } from "../matrix/McpInputError.ts";
import { parseTargetConfig, readTargetConfig, type TargetConfig } from "../matrix/readTargetConfig.ts";
import { renderMatrixMarkdown } from "../matrix/renderMatrixMarkdown.ts";
import { type MatrixClient, runToolMatrix } from "../matrix/runToolMatrix.ts";
import type { McpEra, ToolMatrix } from "../matrix/ToolMatrix.ts";
import { writeToolMatrix } from "../matrix/writeToolMatrix.ts";
import { MCP_USAGE, parseMcpArgs } from "./parseMcpArgs.ts";

/** Where the CLI writes; `process.stdout`/`process.stderr` in `cli.ts`. */
export type CliOutput = { stdout: (line: string) => void; stderr: (line: string) => void };

/** What the CLI needs from outside: a connected client (real in `cli.ts`, in memory in tests). */
export type McpCliDeps = {
  connect(options: {
    url: string;
    token?: string;
    era: McpEra | "auto";
  }): Promise<MatrixClient & { close(): Promise<void> }>;
  countTokens?: (text: string) => number;
  now?: () => Date;
};

/**
 * `assay mcp`: runs the tool matrix against the MCP server at `--url` (one matrix per era with
 * `--era both`), writes `tool-matrix.json` and `tool-matrix.md` under `--out`, prints the table and
 * the seed. Returns the exit code: 0 every matrix passed, 1 one failed, 2 bad input (arguments,
 * config, or a server that cannot be reached or spoken to). The token is never printed.
 *
 * @example
 * process.exitCode = await runMcpCli(["--url", "http://127.0.0.1:3001/mcp"], processEnv(), { stdout, stderr }, deps);
 */
export async function runMcpCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  out: CliOutput,
  deps: McpCliDeps,
): Promise<number> {
  let args: ReturnType<typeof parseMcpArgs>;
  let config: TargetConfig;
  try {
    args = parseMcpArgs(argv, env);
    if (args.help) {
      out.stdout(MCP_USAGE);
      return 0;
    }
    config = args.config
      ? readTargetConfig(args.config)
      : parseTargetConfig({ name: new URL(args.url).host }, "(no --config)");
  } catch (error) {
    if (!(error instanceof McpInputError)) throw error;
    out.stderr(error.message);
    return 2;
  }
  const seed = args.seedGiven ? args.seed : (config.seed ?? args.seed);
  const eras: Array<McpEra | "auto"> = args.era === "both" ? ["session", "stateless"] : [args.era];
  const runId = `cli-${(deps.now?.() ?? new Date()).toISOString().replace(/\D/g, "").slice(0, 14)}`;
  const matrices: ToolMatrix[] = [];
  let written = "";
  for (const era of eras) {
    let client: Awaited<ReturnType<McpCliDeps["connect"]>>;
    try {
      client = await deps.connect({ url: args.url, ...(args.token ? { token: args.token } : {}), era });
    } catch (error) {
      const why = scrub((error as Error).message, args.token);
      out.stderr(`[assay/mcp] could not connect to ${args.url} (era ${era}): ${why}`);
      return 2;
    }
    try {
      const matrix = await runToolMatrix({
        client,
        config,
        url: args.url,
        runId,
        seed,
        shared: !args.callDestructive,
        ...(deps.countTokens ? { countTokens: deps.countTokens } : {}),
        ...(deps.now ? { now: deps.now } : {}),
      });
      matrices.push(matrix);
      const paths = writeToolMatrix(args.out, matrix);
      written = `${paths.json} and ${paths.markdown}`;
    } finally {
      await client.close();
    }
  }
  out.stdout(renderMatrixMarkdown(matrices));
  const failed = matrices.filter((m) => m.verdict === "fail");
  const cases = matrices.reduce((n, m) => n + m.totals.cases, 0);
  out.stdout("");
  out.stdout(
    `assay mcp: ${failed.length === 0 ? "PASS" : "FAIL"}: ${matrices.length} matrix(es), ${cases} cases; ` +
      `seed ${seed} (reproduce with --seed ${seed}); wrote ${written}`,
  );
  return failed.length === 0 ? 0 : 1;
}

/** A token must never reach the console, even inside an error message. */
const scrub = (text: string, token: string | undefined): string =>
  token ? text.split(token).join("***") : text;
