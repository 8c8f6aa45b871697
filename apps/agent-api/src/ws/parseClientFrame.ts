import { errorEnvelope } from "../http/HttpError.ts";
import { parseJsonText } from "../http/parseJsonText.ts";

/** A well-formed client frame (README, "WebSocket"). */
export type ClientFrame =
  | { type: "ping"; id?: string }
  | { type: "switch_project"; project_id: string; id?: string }
  | { type: "replay"; run_id: string; after_seq: number; id?: string };

/** The codes of an `error` frame. */
export type FrameErrorCode = "invalid_json" | "validation_failed" | "unknown_message_type" | "not_found";
/** Why a client frame cannot be answered. */
export type FrameProblem = { code: FrameErrorCode; message: string };

const MAX_SEQ = 2 ** 31 - 1;

/**
 * The `error` frame, in the one envelope; the socket stays open.
 * @example errorFrame("not_found", "No run with that id.", correlationId)
 */
export function errorFrame(code: FrameErrorCode, message: string, correlationId: string): object {
  return { type: "error", ...errorEnvelope(code, message, correlationId) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function invalid(message: string): FrameProblem {
  return { code: "validation_failed", message };
}

/**
 * Reads one client frame: a {@link ClientFrame}, or the problem to answer in an `error` frame
 * (`invalid_json`, `validation_failed`, `unknown_message_type`). Binary frames are not JSON text.
 * @example parseClientFrame('{"type":"ping","id":"1"}') // { type: "ping", id: "1" }
 */
export function parseClientFrame(raw: string): ClientFrame | FrameProblem {
  const parsed = parseJsonText(raw, "The frame");
  if (!parsed.ok) return { code: parsed.code, message: parsed.message };
  const frame = parsed.value;
  if (!isObject(frame)) return invalid('A frame must be a JSON object with a string "type".');
  const { type, id } = frame;
  if (typeof type !== "string") return invalid('Field "type" must be a string.');
  if (id !== undefined && typeof id !== "string") return invalid('Field "id" must be a string.');
  const withId = id === undefined ? {} : { id };
  switch (type) {
    case "ping":
      return { type, ...withId };
    case "switch_project":
      if (typeof frame.project_id !== "string") return invalid('Field "project_id" must be a string.');
      return { type, project_id: frame.project_id, ...withId };
    case "replay": {
      if (typeof frame.run_id !== "string") return invalid('Field "run_id" must be a string.');
      const after = frame.after_seq ?? 0;
      if (!Number.isSafeInteger(after) || (after as number) < 0 || (after as number) > MAX_SEQ) {
        return invalid(`Field "after_seq" must be an integer from 0 to ${MAX_SEQ}.`);
      }
      return { type, run_id: frame.run_id, after_seq: after as number, ...withId };
    }
    default:
      return { code: "unknown_message_type", message: `Unknown message type "${type.slice(0, 40)}".` };
  }
}
