/**
 * The one import for MCP specs: `@assay/test`'s `test` and `expect` with the `mcp` fixture and
 * the MCP matchers merged in.
 *
 * @example
 * import { expect, test } from "@assay/mcp/test";
 *
 * test("every tool lists", async ({ mcp }) => {
 *   const client = await mcp.connect();
 *   await expect(await client.listTools()).toFitTokenBudget(4000);
 * });
 */
import { type AssayMatchers, expect as assayExpect, test as assayTest } from "@assay/test";
import { type Expect, mergeExpects, mergeTests } from "@playwright/test";
import { type McpMatchers, mcpExpect, mcpTest } from "./mcpTest.ts";

export const test = mergeTests(assayTest, mcpTest);
export const expect: Expect<AssayMatchers & McpMatchers> = mergeExpects(assayExpect, mcpExpect);

export type { McpClient, McpExchange, McpTool } from "./index.ts";
