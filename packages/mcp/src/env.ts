/** Where the `mcp` fixture connects when the run points it at an MCP server of its own. */
export type McpEnv = {
  /** `ASSAY_MCP_URL`: the MCP endpoint; default `<target base URL>/mcp`. */
  url?: string;
  /** `ASSAY_MCP_TOKEN`: bearer token for `ASSAY_MCP_URL`; test users' tokens otherwise. */
  token?: string;
};

/**
 * Reads `ASSAY_MCP_URL` and `ASSAY_MCP_TOKEN`: the one place in this package that touches
 * `process.env`. A malformed URL stops with one line naming the variable.
 *
 * @example
 * const { url, token } = readMcpEnv();
 */
export function readMcpEnv(env: Readonly<Record<string, string | undefined>> = process.env): McpEnv {
  const url = env.ASSAY_MCP_URL || undefined;
  const token = env.ASSAY_MCP_TOKEN || undefined;
  if (url !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
      throw new Error(
        `[assay/mcp] ASSAY_MCP_URL=${JSON.stringify(url)} is not an http: or https: URL; set it to the MCP endpoint, e.g. https://staging.example.com/mcp.`,
      );
    }
  }
  if (token !== undefined && url === undefined) {
    throw new Error(
      "[assay/mcp] ASSAY_MCP_TOKEN is set but ASSAY_MCP_URL is not; set both, or neither to test the target's /mcp as test users.",
    );
  }
  return { url, token };
}
/**
 * The whole environment, for code that hands it on: the `assay mcp` CLI (its flags fall back to
 * `ASSAY_MCP_*`), the matrix suites (`ASSAY_MCP_CONFIG`, `ASSAY_MCP_SEED`), a child MCP server's
 * PATH and HOME.
 *
 * @example
 * readMatrixEnv(processEnv()).seed;
 */
export function processEnv(): Readonly<Record<string, string | undefined>> {
  return process.env;
}
