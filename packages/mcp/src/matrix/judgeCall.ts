import type { ValidateFunction } from "ajv";

/** What a `tools/call` came back with, as the matrix saw it on the wire. */
export type CallOutcome =
  | { kind: "answer"; status: number; message: unknown; ms: number }
  | { kind: "transport"; error: string; ms: number }
  | { kind: "timeout"; ms: number };

/** One case judged: `outcome` is short ("result", "isError", "JSON-RPC -32602", "HTTP 500", "timeout"). */
export type Judgement = { ok: boolean; outcome: string; reason: string };

const INVALID_PARAMS = -32602;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A short, single-line excerpt of what the server said (reports must stay small and readable). */
export function excerpt(text: string, max = 160): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

function resultText(result: Record<string, unknown>): string {
  const content = Array.isArray(result.content) ? result.content : [];
  return excerpt(
    content
      .map((c) => (isRecord(c) && typeof c.text === "string" ? c.text : ""))
      .filter(Boolean)
      .join(" "),
  );
}

/** The failures every case shares: no answer, a transport error, a 5xx, no JSON-RPC response. */
function broken(outcome: CallOutcome): Judgement | Record<string, unknown> {
  if (outcome.kind === "timeout")
    return { ok: false, outcome: "timeout", reason: `no answer within ${Math.round(outcome.ms)} ms` };
  if (outcome.kind === "transport")
    return { ok: false, outcome: "transport error", reason: `transport error: ${excerpt(outcome.error)}` };
  if (outcome.status >= 500)
    return { ok: false, outcome: `HTTP ${outcome.status}`, reason: `HTTP ${outcome.status}: a server error` };
  if (!isRecord(outcome.message) || !(isRecord(outcome.message.result) || isRecord(outcome.message.error)))
    return {
      ok: false,
      outcome: `HTTP ${outcome.status}`,
      reason: `HTTP ${outcome.status} without a JSON-RPC response`,
    };
  return outcome.message;
}

const isJudgement = (v: Judgement | Record<string, unknown>): v is Judgement =>
  typeof v.ok === "boolean" && typeof v.outcome === "string";

/**
 * Judges a call made with valid arguments: it must answer a result that is not `isError`, and when
 * the tool declares an `outputSchema` its `structuredContent` must be present and match it.
 *
 * @example
 * judgeValidCall({ kind: "answer", status: 200, message: { jsonrpc: "2.0", id: 1, result }, ms: 12 }, output.validate);
 * // { ok: true, outcome: "result", reason: "" }
 */
export function judgeValidCall(outcome: CallOutcome, output: ValidateFunction | null | undefined): Judgement {
  const message = broken(outcome);
  if (isJudgement(message)) return message;
  if (isRecord(message.error)) {
    const { code, message: text } = message.error;
    return {
      ok: false,
      outcome: `JSON-RPC ${code}`,
      reason: `valid arguments answered JSON-RPC error ${code}: ${excerpt(String(text))}`,
    };
  }
  const result = message.result as Record<string, unknown>;
  if (result.isError === true)
    return {
      ok: false,
      outcome: "isError",
      reason: `valid arguments answered isError: ${resultText(result)}`,
    };
  if (output === undefined) return { ok: true, outcome: "result", reason: "" };
  if (output === null)
    return {
      ok: false,
      outcome: "result",
      reason: "the outputSchema does not compile, so the output is unjudged",
    };
  if (!("structuredContent" in result))
    return {
      ok: false,
      outcome: "result",
      reason: "no structuredContent, though the tool declares an outputSchema",
    };
  if (output(result.structuredContent)) return { ok: true, outcome: "result", reason: "" };
  const errors = (output.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
  return {
    ok: false,
    outcome: "result",
    reason: `structuredContent does not match the outputSchema: ${excerpt(errors.join("; "), 300)}`,
  };
}

/**
 * Judges a call made with arguments ajv found invalid: the server must refuse them as a tool
 * error (`isError: true`) or a JSON-RPC -32602, never accept them, crash, or hang.
 *
 * @example
 * judgeInvalidCall({ kind: "answer", status: 200, message: { jsonrpc: "2.0", id: 2, error: { code: -32602, message: "bad" } }, ms: 3 });
 * // { ok: true, outcome: "JSON-RPC -32602", reason: "" }
 */
export function judgeInvalidCall(outcome: CallOutcome): Judgement {
  const message = broken(outcome);
  if (isJudgement(message)) return message;
  if (isRecord(message.error)) {
    const { code, message: text } = message.error;
    return code === INVALID_PARAMS
      ? { ok: true, outcome: `JSON-RPC ${code}`, reason: "" }
      : {
          ok: false,
          outcome: `JSON-RPC ${code}`,
          reason: `invalid arguments answered JSON-RPC error ${code} (expected isError or -32602): ${excerpt(String(text))}`,
        };
  }
  const result = message.result as Record<string, unknown>;
  if (result.isError === true) return { ok: true, outcome: "isError", reason: "" };
  return {
    ok: false,
    outcome: "result",
    reason: "invalid arguments were accepted: the result is not isError",
  };
}
