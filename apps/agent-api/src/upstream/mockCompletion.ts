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

const MEMORY_SCHEMA = "conversation_memory";
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

// The memory worker's summary request: deterministic, built from the conversation's own words.
function memoryAnswer(messages: ChatMessage[]): MockAnswer {
  const said = messages
    .filter((message) => message.role === "user" || message.role === "assistant")
    .map((message) => ({
      role: String(message.role),
      text: parseDirectives(String(message.content ?? "")).text,
    }));
  const asked = said.filter((message) => message.role === "user" && message.text !== "");
  const summary =
    said.length === 0
      ? "No messages yet."
      : `${said.length} message(s); it started with: ${clip(asked[0]?.text ?? "(no text)", 120)}`;
  const keyPoints = [...new Set(asked.map((message) => clip(message.text, 80)))].slice(0, 3);
  const questions = asked.flatMap((message) => message.text.match(/[^.!?]*\?/g) ?? []).map((q) => q.trim());
  const fields = {
    summary,
    key_points: keyPoints.length > 0 ? keyPoints : ["No messages yet."],
    open_questions: questions.length > 0 ? questions.slice(0, 3) : ["None recorded."],
  };
  return completion({ content: JSON.stringify(fields) }, "stop");
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
  const format = (request as { response_format?: { json_schema?: { name?: unknown } } } | null)
    ?.response_format;
  if (format?.json_schema?.name === MEMORY_SCHEMA) return memoryAnswer(messages);
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
