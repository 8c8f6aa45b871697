/** A tool's input was not what it takes; the run ends with `tool_failed`. */
export class ToolInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ToolInputError";
  }
}

type Tool = (input: Record<string, unknown>) => Record<string, unknown>;

function text(input: Record<string, unknown>): string {
  if (typeof input.text !== "string") throw new ToolInputError('Input "text" must be a string.');
  return input.text;
}

const TOOLS: Record<string, Tool> = {
  echo: (input) => ({ text: text(input) }),
  word_count: (input) => ({
    words: text(input)
      .split(/\s+/)
      .filter((word) => word !== "").length,
  }),
  clock: () => ({ now: new Date().toISOString() }),
};

/** The OpenAI-style function definitions sent upstream with every request. */
export const TOOL_DEFINITIONS = [
  { name: "echo", description: "Returns the text it is given.", parameters: textParameters() },
  { name: "word_count", description: "Counts the words of a text.", parameters: textParameters() },
  { name: "clock", description: "Tells the current time.", parameters: { type: "object", properties: {} } },
].map((fn) => ({ type: "function", function: fn }));

function textParameters(): object {
  return { type: "object", properties: { text: { type: "string" } }, required: ["text"] };
}

/**
 * Runs one tool; an unknown name answers `{ error: "unknown_tool" }` so the run goes on.
 * Throws {@link ToolInputError} on bad input.
 * @example runTool("word_count", { text: "a b c" }) // { words: 3 }
 */
export function runTool(name: string, input: Record<string, unknown>): Record<string, unknown> {
  const tool = Object.hasOwn(TOOLS, name) ? TOOLS[name] : undefined;
  return tool === undefined ? { error: "unknown_tool" } : tool(input);
}
