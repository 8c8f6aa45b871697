import { askUpstream } from "../agent/askUpstream.ts";
import { UpstreamError } from "../agent/callUpstream.ts";
import type { MemoryFields } from "../db/memoryStore.ts";
import type { Services } from "../Services.ts";

/** The name of the JSON schema the upstream is asked to answer with (the mock recognises it). */
export const MEMORY_SCHEMA_NAME = "conversation_memory";

const MEMORY_PROMPT =
  "Summarise the conversation for later recall. Answer with JSON only: " +
  '{"summary": string, "key_points": string[], "open_questions": string[]}; every field non-empty.';

const RESPONSE_FORMAT = {
  type: "json_schema",
  json_schema: {
    name: MEMORY_SCHEMA_NAME,
    strict: true,
    schema: {
      type: "object",
      properties: {
        summary: { type: "string" },
        key_points: { type: "array", items: { type: "string" } },
        open_questions: { type: "array", items: { type: "string" } },
      },
      required: ["summary", "key_points", "open_questions"],
      additionalProperties: false,
    },
  },
};

function strings(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const out = value.filter((item): item is string => typeof item === "string" && item.trim() !== "");
  return out.length === value.length ? out.map((item) => item.slice(0, 500)).slice(0, 20) : null;
}

/**
 * Reads the upstream's memory answer: JSON with the three fields, each filled.
 * @example parseMemory('{"summary":"s","key_points":["k"],"open_questions":["q"]}')
 */
export function parseMemory(content: string): MemoryFields | null {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const { summary, key_points, open_questions } = value as Record<string, unknown>;
  const points = strings(key_points);
  const questions = strings(open_questions);
  if (typeof summary !== "string" || summary.trim() === "" || points === null || questions === null)
    return null;
  return { summary: summary.slice(0, 2000), key_points: points, open_questions: questions };
}

/**
 * Asks the upstream (through the circuit breaker) to summarise a conversation into the three
 * memory fields. Throws an `UpstreamError` when it fails, times out or answers something else.
 * @example const fields = await summarizeConversation(services, messages, signal);
 */
export async function summarizeConversation(
  services: Services,
  messages: Array<{ role: string; content: string }>,
  signal: AbortSignal,
): Promise<MemoryFields> {
  const completion = await askUpstream(services, {
    signal,
    body: {
      model: "assay-reference",
      messages: [{ role: "system", content: MEMORY_PROMPT }, ...messages],
      response_format: RESPONSE_FORMAT,
    },
  });
  const fields = completion.kind === "content" ? parseMemory(completion.content) : null;
  if (fields === null)
    throw new UpstreamError("upstream_invalid", "The upstream's memory answer lacks a field.");
  return fields;
}
