const SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
const SENTINEL = /^=\?base64\?.*\?=$/s;

/**
 * A value for `Mcp-Name` or `Mcp-Param-{Name}` as the 2026-07-28 transport's Value Encoding
 * rules say: plain when it is visible ASCII (inner spaces allowed) and does not look like the
 * sentinel, else `=?base64?<UTF-8 in base64>?=`.
 *
 * @example
 * encodeHeaderValue("us-west1"); // "us-west1"
 * encodeHeaderValue("Hello, 世界"); // "=?base64?SGVsbG8sIOS4lueVjA==?="
 */
export function encodeHeaderValue(value: string): string {
  if (SAFE.test(value) && !SENTINEL.test(value)) return value;
  return `=?base64?${Buffer.from(value, "utf8").toString("base64")}?=`;
}
