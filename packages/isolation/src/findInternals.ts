/** What a response body must never carry. */
export type Internal = "a stack trace" | "an internal path" | "SQL";

const PATTERNS: ReadonlyArray<[Internal, RegExp]> = [
  [
    "a stack trace",
    /"stack"\s*:|\n\s+at \S|\bat (?:async )?(?:\S+ \()?(?:file:\/\/|node:|\/)[^\s)]*:\d+:\d+/,
  ],
  [
    "an internal path",
    /file:\/\/\/|(?:^|[\s"'(=])\/(?:work|home|root|usr|opt|srv|app|var|tmp)\/|node_modules|apps\/agent-api|\/src\/[\w/.-]+\.[cm]?[jt]s\b|[A-Za-z]:\\\\/,
  ],
  [
    "SQL",
    /\bSELECT\s[\s\S]{1,200}\sFROM\s|\bINSERT\s+INTO\s|\bUPDATE\s+\w+\s+SET\s|\bDELETE\s+FROM\s|syntax error at or near|violates (?:foreign key|unique|not-null|check) constraint|invalid input syntax for type|duplicate key value|relation "[^"]+" does not exist|invalid byte sequence for encoding/i,
  ],
];

/**
 * The kinds of internals found in a response body: a stack trace (or a `stack` field), a server
 * path, SQL or a database error. Empty for a clean body.
 *
 * @example
 * findInternals('{"error":{"message":"at handler (/work/src/x.ts:3:1)"}}'); // ["a stack trace", "an internal path"]
 */
export function findInternals(text: string): Internal[] {
  return PATTERNS.filter(([, pattern]) => pattern.test(text)).map(([kind]) => kind);
}
