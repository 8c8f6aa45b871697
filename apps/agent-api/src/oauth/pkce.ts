import { createHash, timingSafeEqual } from "node:crypto";

/** RFC 7636 §4.1: 43–128 characters of the unreserved set. */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
/** An S256 challenge is the base64url SHA-256 of the verifier: always 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** The methods a challenge may name; only S256 is served (plain only under a fault). */
export type ChallengeMethod = "S256" | "plain";

/**
 * Checks the PKCE part of an authorization request: a challenge is required (OAuth 2.1 §4.1.1);
 * its method must be S256 — a missing method means `plain` (RFC 7636 §4.3), which is refused
 * unless `allowPlain` (the `oauth_plain_pkce` fault). Returns the problem, or the method.
 * @example checkChallenge(params.get("code_challenge"), params.get("code_challenge_method"), false)
 */
export function checkChallenge(
  challenge: string | undefined,
  method: string | undefined,
  allowPlain: boolean,
): { method: ChallengeMethod } | { problem: string } {
  if (challenge === undefined || challenge === "") return { problem: "code_challenge is required (PKCE)." };
  const named = method ?? "plain";
  if (named === "S256") {
    if (!S256_CHALLENGE.test(challenge))
      return { problem: "code_challenge must be 43 base64url characters for S256." };
    return { method: "S256" };
  }
  if (named === "plain" && allowPlain) {
    if (!VERIFIER.test(challenge))
      return { problem: "code_challenge must be 43 to 128 unreserved characters." };
    return { method: "plain" };
  }
  return { problem: "code_challenge_method must be S256." };
}

/**
 * RFC 7636 §4.6: whether the verifier answers the challenge, compared in constant time.
 * @example verifierMatches(form.get("code_verifier"), row.code_challenge, "S256")
 */
export function verifierMatches(verifier: string, challenge: string, method: ChallengeMethod): boolean {
  if (!VERIFIER.test(verifier)) return false;
  const computed = method === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
  const a = Buffer.from(computed);
  const b = Buffer.from(challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}
