/** A tool call asked for by the upstream, with its arguments parsed. */
export type ToolCall = { id: string; name: string; input: Record<string, unknown> };
/** The assistant message as the upstream sent it, to send back in the next request. */
export type AssistantTurn = { role: "assistant"; content: string | null; tool_calls?: unknown[] };
/** What the agent does next: run tools, or finish with content. */
export type Completion =
  | { kind: "tools"; calls: ToolCall[]; turn: AssistantTurn }
  | { kind: "content"; content: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseToolCall(raw: unknown): ToolCall | null {
  if (!isObject(raw) || typeof raw.id !== "string" || raw.type !== "function") return null;
  const fn = raw.function;
  if (!isObject(fn) || typeof fn.name !== "string" || typeof fn.arguments !== "string") return null;
  let input: unknown;
  try {
    input = JSON.parse(fn.arguments);
  } catch {
    return null;
  }
  return isObject(input) ? { id: raw.id, name: fn.name, input } : null;
}

/**
 * Reads an OpenAI-style chat completion; null when it is not one (→ `upstream_invalid`).
 * @example parseCompletion({ choices: [{ message: { role: "assistant", content: "hi" } }] })
 */
export function parseCompletion(body: unknown): Completion | null {
  if (!isObject(body) || !Array.isArray(body.choices)) return null;
  const message = isObject(body.choices[0]) ? body.choices[0].message : undefined;
  if (!isObject(message) || message.role !== "assistant") return null;
  const rawCalls = message.tool_calls;
  if (Array.isArray(rawCalls) && rawCalls.length > 0) {
    const calls = rawCalls.map(parseToolCall);
    if (calls.some((call) => call === null)) return null;
    const content = typeof message.content === "string" ? message.content : null;
    return {
      kind: "tools",
      calls: calls as ToolCall[],
      turn: { role: "assistant", content, tool_calls: rawCalls },
    };
  }
  if (typeof message.content !== "string" || message.content === "") return null;
  return { kind: "content", content: message.content };
}
