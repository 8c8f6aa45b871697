import { createHash, randomBytes } from "node:crypto";

/** A PKCE pair (RFC 7636): the verifier stays with the client, the challenge goes out first. */
export interface Pkce {
  /** Never print it. */
  verifier: string;
  challenge: string;
  method: "S256";
}

/**
 * A fresh verifier (32 random bytes, base64url: 43 characters) and its S256 challenge.
 *
 * @example
 * const pkce = createPkce(); // { verifier: "dBjftJ…", challenge: "E9Mel…", method: "S256" }
 */
export function createPkce(): Pkce {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: s256(verifier), method: "S256" };
}

/**
 * The S256 challenge of a verifier: base64url(SHA-256(verifier)).
 * @example s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") // "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
 */
export function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}
