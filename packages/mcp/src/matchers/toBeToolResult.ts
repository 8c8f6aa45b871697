import { formatFailure } from "@assay/contracts";
import type { ExpectMatcherState, MatcherReturnType } from "@playwright/test";
import { readToolAnswer } from "./readToolAnswer.ts";

export type ToBeToolResultOptions = {
  /** `true`: an error result is expected; `false`: a success; absent: either. */
  isError?: boolean;
};

const name = "toBeToolResult";

/**
 * Playwright matcher: passes when a `tools/call` answer is a tool result (not a JSON-RPC error,
 * not a transport failure) whose `isError` is as expected (absent counts as `false`), and its
 * exchange recorded no problem: an answer that did not parse or broke the schema never passes.
 *
 * @example
 * expect(await client.callTool("create_project", { name: "Launch" })).toBeToolResult({ isError: false });
 * expect(await client.callTool("create_project", { name: 42 })).toBeToolResult({ isError: true });
 */
export function toBeToolResult(
  this: ExpectMatcherState,
  received: unknown,
  expected?: ToBeToolResultOptions,
): MatcherReturnType {
  const answer = readToolAnswer(name, received);
  const isError = expected?.isError;
  const notes: string[] = [];
  if (answer.error !== undefined) {
    notes.push(
      `The answer is a JSON-RPC error ${String(answer.error.code)}: ${String(answer.error.message)}`,
    );
  } else if (answer.result === undefined) {
    notes.push("No tool result came back (no JSON-RPC response to the call).");
  } else if (!Array.isArray(answer.result.content)) {
    notes.push("The result has no content array, so it is no tool result.");
  } else if (isError !== undefined && (answer.result.isError === true) !== isError) {
    notes.push(
      `The tool result has isError: ${answer.result.isError === true}, expected ${isError}.`,
      `  content: ${contentText(answer.result.content)}`,
    );
  }
  if (answer.problems.length > 0) {
    notes.push("The exchange has problems:", ...answer.problems.map((problem) => `  ${problem}`));
  }
  const pass = notes.length === 0;
  return {
    pass,
    name,
    expected,
    actual: answer.response ?? answer.result,
    message: () =>
      formatFailure({
        matcherName: name,
        expected,
        isNot: this.isNot,
        receivedLabel: answer.label,
        notes: this.isNot
          ? [`Received a tool result with isError: ${answer.result?.isError === true}.`]
          : notes,
        received: answer.response ?? answer.result,
      }),
  };
}

function contentText(content: unknown[]): string {
  const text = content
    .map((block) =>
      (block as { type?: unknown }).type === "text"
        ? String((block as { text?: unknown }).text)
        : `[${String((block as { type?: unknown }).type)}]`,
    )
    .join(" ");
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
