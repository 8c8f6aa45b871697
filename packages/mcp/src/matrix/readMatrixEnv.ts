import { McpInputError } from "./McpInputError.ts";

/** The variables the MCP suites read beyond the client's (`ASSAY_MCP_URL`, `ASSAY_MCP_TOKEN`). */
export type MatrixEnv = {
  /** `ASSAY_MCP_CONFIG`: the target config for the tool matrix; default the reference's. */
  config?: string;
  /** `ASSAY_MCP_SEED`: the argument generator's seed; default the config's. */
  seed?: number;
};

/**
 * Reads `ASSAY_MCP_CONFIG` and `ASSAY_MCP_SEED`; a malformed seed stops with one line naming it.
 *
 * @example
 * const { config, seed } = readMatrixEnv(processEnv());
 */
export function readMatrixEnv(env: Readonly<Record<string, string | undefined>>): MatrixEnv {
  const seedText = env.ASSAY_MCP_SEED || undefined;
  if (seedText !== undefined && !(/^\d{1,10}$/.test(seedText) && Number(seedText) <= 0xffffffff))
    throw new McpInputError(
      `ASSAY_MCP_SEED=${JSON.stringify(seedText)} is not a seed; give a whole number 0-4294967295`,
    );
  return {
    ...(env.ASSAY_MCP_CONFIG ? { config: env.ASSAY_MCP_CONFIG } : {}),
    ...(seedText === undefined ? {} : { seed: Number(seedText) }),
  };
}
