#!/usr/bin/env node
/**
 * The `assay mcp` command: the tool matrix against any MCP server.
 *
 * @example
 * // pnpm assay mcp --url http://127.0.0.1:3001/mcp --config packages/mcp/targets/everything.json
 * // node packages/mcp/src/cli/cli.ts --url http://127.0.0.1:3001/mcp
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createMcpClient } from "../client/createMcpClient.ts";
import { processEnv } from "../env.ts";
import { encoder } from "../matchers/countTokens.ts";
import { runMcpCli } from "./runMcpCli.ts";

/**
 * Runs `assay mcp` with these arguments against the real client; resolves to the exit code.
 *
 * @example
 * process.exitCode = await main(["--url", "http://127.0.0.1:3001/mcp"]);
 */
export async function main(argv: readonly string[]): Promise<number> {
  const { countTokens } = await encoder();
  return runMcpCli(
    argv,
    processEnv(),
    {
      stdout: (line) => process.stdout.write(`${line}\n`),
      stderr: (line) => process.stderr.write(`${line}\n`),
    },
    {
      connect: ({ url, token, era }) => createMcpClient({ url, era, ...(token ? { token } : {}) }),
      countTokens,
    },
  );
}

const invoked =
  process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invoked) process.exitCode = await main(process.argv.slice(2));
