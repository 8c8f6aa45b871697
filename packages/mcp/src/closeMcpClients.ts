import type { McpClient } from "./client/createMcpClient.ts";

/** A client the `mcp` fixture opened, and whether its problems fail the test. */
export type OpenedClient = { client: Pick<McpClient, "close" | "problems">; judge: boolean };

/**
 * The `mcp` fixture's teardown: closes every client, newest first (DELETE of its session), then
 * throws one `[assay/mcp]` error listing every close that failed and every problem recorded by a
 * client whose problems fail the test. Nothing is swallowed.
 *
 * @example
 * await closeMcpClients(opened); // after use()
 */
export async function closeMcpClients(opened: readonly OpenedClient[]): Promise<void> {
  const errors: string[] = [];
  for (const { client } of [...opened].reverse()) {
    try {
      await client.close();
    } catch (error) {
      errors.push(`closing a client failed: ${(error as Error).message}`);
    }
  }
  const problems = opened.filter((o) => o.judge).flatMap((o) => o.client.problems());
  if (problems.length > 0) {
    errors.push(
      `${problems.length} problem(s) in MCP exchanges (connect with problems: "record" to judge them in the test):\n  ${problems.join("\n  ")}`,
    );
  }
  if (errors.length > 0) throw new Error(`[assay/mcp] ${errors.join("\n")}`);
}
