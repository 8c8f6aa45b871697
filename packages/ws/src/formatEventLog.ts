import { eventOf, type Frame } from "./Frame.ts";

// Keys worth seeing at a glance, in this order; everything else stays out of the one-line view.
const SHOWN_KEYS = ["seq", "step", "tool_call_id", "tool_name", "id"] as const;

/**
 * One line per frame: receive index, ms since connect, type, key fields.
 *
 * @example
 * formatFrameLine(frame); // "  #3  +412ms  tool_executing  seq=3 tool_call_id=call_1 tool_name=echo"
 */
export function formatFrameLine(frame: Frame): string {
  const head = `  #${frame.seq}  +${Math.round(frame.at)}ms  `;
  const event = eventOf(frame);
  if (!event) {
    const text = typeof frame.data === "string" ? frame.data : JSON.stringify(frame.data);
    return `${head}(not a JSON object) ${JSON.stringify(text.slice(0, 80))}`;
  }
  const parts: string[] = [];
  for (const key of SHOWN_KEYS) {
    if (event[key] !== undefined) parts.push(`${key}=${String(event[key])}`);
  }
  const error = event.error as { code?: unknown } | undefined;
  if (error && typeof error === "object" && error.code !== undefined)
    parts.push(`error=${String(error.code)}`);
  const type = typeof event.type === "string" ? event.type : "(no type)";
  return `${head}${type}  ${parts.join(" ")}`.trimEnd();
}

/**
 * The received event log printed under event-matcher failures. Long logs keep their last
 * `limit` frames, so a failure in a 100k-event stream stays readable.
 *
 * @example
 * formatEventLog(client.frames).join("\n");
 */
export function formatEventLog(frames: readonly Frame[], limit = 60): string[] {
  if (frames.length === 0) return ["  (no frames received)"];
  const shown = frames.length > limit ? frames.slice(-limit) : frames;
  const lines = shown.map(formatFrameLine);
  if (frames.length > limit) lines.unshift(`  … ${frames.length - limit} earlier frames not shown`);
  return lines;
}
