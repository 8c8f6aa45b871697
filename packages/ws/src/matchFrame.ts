/**
 * A frame filter: either a predicate over the parsed frame data, or a partial object that the
 * data must deep-match (see {@link matchPartial}).
 */
export type FrameMatch = Record<string, unknown> | ((data: unknown) => boolean);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * True when every key of `expected` equals the same key of `actual`; nested plain objects are
 * partial too, arrays must match element by element, a RegExp tests a string.
 *
 * @example
 * matchPartial({ type: "tool_executing", seq: 3, input: { text: "hi" } }, { type: "tool_executing", input: {} }); // true
 */
export function matchPartial(actual: unknown, expected: unknown): boolean {
  if (expected instanceof RegExp) return typeof actual === "string" && expected.test(actual);
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return false;
    return expected.every((item, i) => matchPartial(actual[i], item));
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return false;
    for (const key of Object.keys(expected)) {
      if (!Object.hasOwn(actual, key) || !matchPartial(actual[key], expected[key])) return false;
    }
    return true;
  }
  return Object.is(actual, expected);
}

/**
 * Turns a {@link FrameMatch} into a predicate over frame data.
 *
 * @example
 * const isStart = toFramePredicate({ type: "agent_started" });
 * isStart({ type: "agent_started", seq: 1 }); // true
 */
export function toFramePredicate(match: FrameMatch): (data: unknown) => boolean {
  if (typeof match === "function") return match;
  const entries = Object.entries(match);
  // Waiters run on every incoming frame: a flat match of primitives (the common case) is checked
  // without the generic deep walk.
  if (entries.every(([, value]) => value === null || typeof value !== "object")) {
    return (data) => {
      if (typeof data !== "object" || data === null || Array.isArray(data)) return false;
      for (const [key, value] of entries) {
        if (!Object.is((data as Record<string, unknown>)[key], value) || !Object.hasOwn(data, key))
          return false;
      }
      return true;
    };
  }
  return (data) => matchPartial(data, match);
}

/**
 * Short, single-line description of a match for messages.
 *
 * @example
 * describeMatch({ type: "pong" }); // '{"type":"pong"}'
 */
export function describeMatch(match: FrameMatch): string {
  if (typeof match === "function") return match.name ? `predicate ${match.name}` : "predicate";
  return JSON.stringify(match, (_key, value: unknown) => (value instanceof RegExp ? String(value) : value));
}
