import { createHash, timingSafeEqual } from "node:crypto";

/**
 * The token of an `Authorization: Bearer <token>` header, or null when absent or another scheme.
 * @example bearerToken("Bearer abc") // "abc"
 */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/**
 * Compares a presented admin token with the configured one in constant time (hashes first,
 * so the lengths are equal and leak nothing).
 * @example isAdminToken(bearerToken(req.headers.authorization), config.adminToken)
 */
export function isAdminToken(presented: string | null, expected: string | undefined): boolean {
  if (presented === null || expected === undefined) return false;
  const a = createHash("sha256").update(presented).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
