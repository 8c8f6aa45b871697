import type { WsClient } from "./createWsClient.ts";

/** Frame types that answer a client message (error frames carry no request id, so order decides). */
const ANSWER_TYPES: readonly string[] = ["error", "project_switched", "replay_done", "pong"];

/** @example const options: AskWsOptions = { timeout: 2000, answers: ["error", "session_ready"] }; */
export type AskWsOptions = {
  /** How long to wait for the answer. Default 5000. */
  timeout?: number;
  /** Frame types that count as the answer. Default `error`, `project_switched`, `replay_done`, `pong`. */
  answers?: readonly string[];
};

/**
 * Sends `frame` (an object as JSON, a string as is, a Buffer as a binary frame) and resolves with the first answer frame
 * that arrives after it: a frame received before the send never counts. Send one message at a
 * time per socket: error frames carry no request id. Rejects with the recorder's `[assay/ws]`
 * error, event log included, when no answer comes.
 *
 * @example
 * const answer = await askWs(client, { type: "switch_project", project_id });
 * const refusal = await askWs(client, "{not json");
 */
export async function askWs(
  client: WsClient,
  frame: Record<string, unknown> | string | Buffer,
  options: AskWsOptions = {},
): Promise<Record<string, unknown>> {
  const answers = new Set(options.answers ?? ANSWER_TYPES);
  const before = new Set(client.frames.map((f) => f.data));
  // A string goes out as is (text that is not JSON, or not an object); a Buffer as a binary frame.
  if (typeof frame === "string" || Buffer.isBuffer(frame)) client.sendRaw(frame);
  else client.send(frame);
  const isAnswer = (data: unknown) =>
    !before.has(data) &&
    typeof data === "object" &&
    data !== null &&
    answers.has(String((data as { type?: unknown }).type));
  // Named, so a timeout says what was awaited: `predicate answer of type error|pong`.
  Object.defineProperty(isAnswer, "name", { value: `answer of type ${[...answers].join("|")}` });
  const answer = await client.waitFor(isAnswer, { timeout: options.timeout ?? 5000 });
  return answer.data as Record<string, unknown>;
}
