import { compileToolSchema } from "../matrix/compileToolSchema.ts";
import { generateValidArgs } from "../matrix/generateValidArgs.ts";
import { askTool } from "./callTool.ts";
import type { McpToolClient } from "./McpToolClient.ts";

/** What `checkHandleOwnership` found: one line per tool that handed over data, and the tools tried. */
export type HandleOwnershipReport = { problems: string[]; tried: string[] };

/**
 * The stateless era's BOLA check for project handles: user B calls every tool whose inputSchema
 * takes a `project_handle` with user A's handle (other arguments generated from the schema,
 * seeded). Each call must be an error (a tool error or a JSON-RPC error), never data. A check
 * that finds no tool taking a handle reports that as a problem: it proved nothing.
 *
 * @example
 * const report = await checkHandleOwnership({ intruder: bob, handle: aliceHandle, seed: 7 });
 */
export async function checkHandleOwnership(input: {
  intruder: McpToolClient;
  handle: string;
  seed: number;
}): Promise<HandleOwnershipReport> {
  const problems: string[] = [];
  const tried: string[] = [];
  for (const tool of await input.intruder.listTools()) {
    const schema = tool.inputSchema as { properties?: Record<string, unknown> } | undefined;
    if (schema?.properties?.project_handle === undefined) continue;
    const { validate } = compileToolSchema(schema);
    if (validate === null) {
      problems.push(`${tool.name}: its inputSchema does not compile, so it cannot be tried`);
      continue;
    }
    const made = generateValidArgs(schema, validate, input.seed, { project_handle: input.handle });
    if (!made.ok) {
      problems.push(`${tool.name}: no valid arguments to try it with (${made.reason})`);
      continue;
    }
    tried.push(tool.name);
    const answer = await askTool(input.intruder, tool.name, made.args);
    if (answer.kind === "data")
      problems.push(
        `${tool.name}: user B used user A's project_handle and got data, not an error: ${JSON.stringify(answer.structured).slice(0, 200)}`,
      );
  }
  if (tried.length === 0) problems.push("no tool takes a project_handle: the check proved nothing");
  return { problems, tried };
}
