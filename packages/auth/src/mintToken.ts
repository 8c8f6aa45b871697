import jwt from "jsonwebtoken";

/** What a minted token says about its user; every field may be overridden to build bad tokens. */
export interface MintTokenOptions {
  /** The user's id, written to `sub`. */
  userId: string;
  /** HMAC secret (HS256) or PEM private key (RS256). */
  key: string;
  algorithm?: "HS256" | "RS256";
  issuer?: string;
  audience?: string;
  /** Lifetime in seconds; negative values mint an already expired token. */
  expiresInSeconds?: number;
  /** Seconds from now before which the token is not valid. */
  notBeforeSeconds?: number;
  /** Extra claims merged into the payload. */
  claims?: Record<string, unknown>;
  /** Header fields such as `kid`. */
  header?: Record<string, unknown>;
}

/**
 * Mints a JWT for a test user, the way the service under test expects it by default.
 *
 * @example
 * const token = mintToken({ userId: user.id, key: secret, issuer: "assay-agent-api", audience: "assay" });
 */
export function mintToken(options: MintTokenOptions): string {
  const { userId, key, algorithm = "HS256", expiresInSeconds = 3600, claims = {}, header = {} } = options;
  if (!userId) throw new Error("[assay/auth] mintToken needs a userId: pass the id of the test user.");
  if (!key) throw new Error("[assay/auth] mintToken needs a key: the HS256 secret or the RS256 private key.");
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = { ...claims, sub: userId, iat: now, exp: now + expiresInSeconds };
  if (options.notBeforeSeconds !== undefined) payload.nbf = now + options.notBeforeSeconds;
  if (options.issuer !== undefined) payload.iss = options.issuer;
  if (options.audience !== undefined) payload.aud = options.audience;
  return jwt.sign(payload, key, { algorithm, header: { alg: algorithm, typ: "JWT", ...header } });
}
