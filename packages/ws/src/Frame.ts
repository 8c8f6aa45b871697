import { agentRunGrammar } from "./agentRunGrammar.ts";
import { grammarTypes } from "./defineRunGrammar.ts";

/**
 * One frame received by a {@link WsClient}, as the recorder stores it.
 *
 * @example
 * const frame: Frame = { seq: 0, at: 1.2, data: { type: "session_ready" }, size: 98 };
 */
export type Frame = {
  /** Receive index on this client, from 0. Not the event's own `seq`. */
  seq: number;
  /** Milliseconds since the client connected (performance.now() clock). */
  at: number;
  /** Parsed JSON, or the raw text when the frame was not JSON. */
  data: unknown;
  /** Size of the raw frame in bytes. */
  size: number;
};

/**
 * The parsed data of a frame when it is a JSON object, else undefined.
 *
 * @example
 * eventOf({ seq: 0, at: 0, data: { type: "pong" }, size: 15 })?.type; // "pong"
 */
export function eventOf(frame: Frame): Record<string, unknown> | undefined {
  const data = frame.data;
  return typeof data === "object" && data !== null && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : undefined;
}

/**
 * The event types of an agent run: every type {@link agentRunGrammar} names.
 *
 * @example
 * RUN_EVENT_TYPES.has("tool_executing"); // true
 */
export const RUN_EVENT_TYPES: ReadonlySet<string> = grammarTypes(agentRunGrammar);
