import { randomUUID } from "node:crypto";
import { parseDirectives } from "./parseDirectives.ts";

type ChatMessage = { role?: unknown; content?: unknown };

/** The mock's answer: a chat completion body, an HTTP failure, garbage, or silence. */
export type MockAnswer =
  | { kind: "completion"; body: object }
  | { kind: "error" }
  | { kind: "invalid" }
  | { kind: "timeout" };

function completion(message: object, finishReason: string): MockAnswer {
  const body = {
    id: `chatcmpl-${randomUUID()}`,
    object: "chat.completion",
    choices: [{ index: 0, message: { role: "assistant", ...message }, finish_reason: finishReason }],
  };
  return { kind: "completion", body };
}

/**
 * Decides the mock upstream's answer from a chat request, following the README's directive
 * table: tool calls first (one per `#tool:NAME`), content once tool results came back.
 * @example mockCompletion({ messages: [{ role: "user", content: "hi" }] }) // content "Echo: hi"
 */
export function mockCompletion(request: unknown): MockAnswer {
  const raw =
    typeof request === "object" && request !== null ? (request as { messages?: unknown }).messages : [];
  const messages: ChatMessage[] = Array.isArray(raw) ? raw : [];
  const lastUser = messages.findLast((message) => message.role === "user");
  const content = typeof lastUser?.content === "string" ? lastUser.content : "";
  const directives = parseDirectives(content);
  if (directives.upstream !== null) return { kind: directives.upstream };
  const sawToolResults = messages.some((message) => message.role === "tool");
  if (directives.tools.length === 0 || sawToolResults) {
    return completion({ content: `Echo: ${directives.text === "" ? content : directives.text}` }, "stop");
  }
  const toolCalls = directives.tools.map((name) => ({
    id: `call_${randomUUID()}`,
    type: "function",
    function: { name, arguments: JSON.stringify(name === "clock" ? {} : { text: directives.text }) },
  }));
  return completion({ content: null, tool_calls: toolCalls }, "tool_calls");
}
