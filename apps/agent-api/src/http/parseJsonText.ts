/** The deepest nesting of arrays and objects the service accepts in a body or a frame. */
export const MAX_JSON_DEPTH = 32;

/** What {@link parseJsonText} found: the value, or the error code and message to answer. */
export type ParsedJson =
  | { ok: true; value: unknown }
  | { ok: false; code: "invalid_json" | "validation_failed"; message: string };

/**
 * The deepest nesting of `[` and `{` in a JSON text, outside strings. A scan of the text, not a
 * walk of the parsed value, so a 100,000-level document cannot exhaust the stack.
 * @example jsonDepth('{"a":[1,{"b":2}]}') // 3
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b || char === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (char === 0x5d || char === 0x7d) {
      depth--;
    }
  }
  return deepest;
}

/**
 * Parses JSON from a client: `invalid_json` when it does not parse (a RangeError from some
 * engines on deep input included), `validation_failed` past {@link MAX_JSON_DEPTH} levels.
 * @example parseJsonText('{"type":"ping"}') // { ok: true, value: { type: "ping" } }
 */
export function parseJsonText(text: string, what = "The body"): ParsedJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, code: "invalid_json", message: `${what} is not valid JSON.` };
  }
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    const message = `${what} is nested deeper than ${MAX_JSON_DEPTH} levels.`;
    return { ok: false, code: "validation_failed", message };
  }
  return { ok: true, value };
}
