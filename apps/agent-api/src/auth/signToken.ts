import type { KeySet } from "./createKeySet.ts";

/** How long a test-support token lives by default: one hour. */
export const TOKEN_TTL_SECONDS = 3600;

/**
 * Signs a token for a user with the service's current key, as the test-support API hands out:
 * `sub`, `iss`, `aud`, `iat` and `exp` (`ttlSeconds` after now).
 * @example signToken({ keys, issuer, audience, userId }).expiresAt
 */
export function signToken(options: {
  keys: KeySet;
  issuer: string;
  audience: string;
  userId: string;
  ttlSeconds?: number;
  now?: number;
}): { token: string; expiresAt: string } {
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const exp = iat + (options.ttlSeconds ?? TOKEN_TTL_SECONDS);
  const claims = { sub: options.userId, iss: options.issuer, aud: options.audience, iat, exp };
  return { token: options.keys.sign(claims), expiresAt: new Date(exp * 1000).toISOString() };
}
