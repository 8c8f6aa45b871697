import { formatErrors, formatFailure } from "@assay/contracts";
import type { ExpectMatcherState, MatcherReturnType } from "@playwright/test";
import type { McpTool } from "../client/McpTool.ts";
import { compileToolSchema } from "./compileToolSchema.ts";
import { readToolAnswer } from "./readToolAnswer.ts";

const name = "toMatchOutputSchema";

/**
 * Playwright matcher: passes when a successful tool result carries `structuredContent` that
 * matches the tool's `outputSchema` (compiled once per schema, strict, 2020-12 unless the schema
 * says draft-07). An error result, a missing `structuredContent`, a schema that does not compile
 * and a problem on the exchange all fail it.
 *
 * @example
 * const tool = tools.find((t) => t.name === "create_project")!;
 * expect(await client.callTool(tool.name, { name: "Launch" })).toMatchOutputSchema(tool);
 */
export function toMatchOutputSchema(
  this: ExpectMatcherState,
  received: unknown,
  tool: McpTool,
): MatcherReturnType {
  if (typeof tool !== "object" || tool === null || typeof tool.name !== "string") {
    throw new Error(
      `[assay/mcp] ${name}: pass the tool as tools/list described it (an object with name and outputSchema).`,
    );
  }
  if (tool.outputSchema === undefined) {
    throw new Error(
      `[assay/mcp] ${name}: tool ${tool.name} declares no outputSchema, so there is nothing to match.`,
    );
  }
  const answer = readToolAnswer(name, received);
  const contract = `outputSchema of tool ${tool.name}`;
  const notes: string[] = [];
  let errors: string[] = [];
  const compiled = compileToolSchema(tool.outputSchema);
  const content = answer.result?.structuredContent;
  if (!compiled.ok) notes.push(`The outputSchema cannot be used: ${compiled.problem}.`);
  if (answer.error !== undefined) {
    notes.push(
      `The answer is a JSON-RPC error ${String(answer.error.code)}: ${String(answer.error.message)}`,
    );
  } else if (answer.result === undefined) {
    notes.push("No tool result came back (no JSON-RPC response to the call).");
  } else if (answer.result.isError === true) {
    notes.push(
      "The tool result is an error (isError: true); only a successful result must match the outputSchema.",
    );
  } else if (content === undefined) {
    notes.push("The result has no structuredContent; a tool with an outputSchema MUST return it.");
  } else if (compiled.ok && !compiled.validate(content)) {
    errors = formatErrors(compiled.validate.errors ?? []);
  }
  if (answer.problems.length > 0) {
    notes.push("The exchange has problems:", ...answer.problems.map((problem) => `  ${problem}`));
  }
  const pass = notes.length === 0 && errors.length === 0;
  return {
    pass,
    name,
    expected: tool.outputSchema,
    actual: content,
    message: () =>
      formatFailure({
        matcherName: name,
        expected: tool.name,
        isNot: this.isNot,
        receivedLabel: answer.label,
        contract,
        errors: this.isNot ? [] : errors,
        notes: this.isNot ? ["The structuredContent matches the outputSchema."] : notes,
        received: content ?? answer.response ?? answer.result,
      }),
  };
}
