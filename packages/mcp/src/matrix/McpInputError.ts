/**
 * An input the MCP matrix cannot run with: a missing or malformed target config, a bad CLI
 * argument or variable. The CLI prints its one-line message and exits 2, so the message names
 * the file, the JSON path and the rule broken.
 *
 * @example
 * throw new McpInputError("config targets/x.json: /seed must be integer (rule: type)");
 * // message: "[assay/mcp] config targets/x.json: /seed must be integer (rule: type)"
 */
export class McpInputError extends Error {
  constructor(message: string) {
    super(`[assay/mcp] ${message.replace(/\s*\n\s*/g, " ")}`);
    this.name = "McpInputError";
  }
}
