import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * A new secret for the wire: 32 random bytes, base64url (43 characters). Codes, refresh tokens,
 * client secrets, registration access tokens and sign-in codes are all made this way.
 * @example const code = newSecret();
 */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * What the database keeps of a secret: the hex SHA-256 of its value. The secrets are 256 random
 * bits, so an unsalted fast hash is enough: nothing to guess, and a lookup stays one index probe.
 * @example await pool.query("SELECT … WHERE code_hash = $1", [hashSecret(code)]);
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/**
 * Compares a presented secret with a stored hash in constant time.
 * @example if (!secretMatches(presented, row.client_secret_hash)) throw invalidClient();
 */
export function secretMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(presented), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
