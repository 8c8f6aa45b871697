import jwt, { type Jwt } from "jsonwebtoken";
import type { KeySet } from "./createKeySet.ts";

/** Tokens longer than this are refused unread: 8 KiB. */
export const MAX_TOKEN_BYTES = 8 * 1024;

/** What a valid token says: its user and when it expires (seconds since the epoch), and every claim. */
export type VerifiedToken = { sub: string; exp: number; claims: jwt.JwtPayload };
/**
 * Per-call checks instead of the verifier's own: `/mcp` accepts more issuers and audiences than
 * the REST API (OAuth access tokens); `audience: null` leaves the audience to the caller.
 */
export type VerifyOverride = { issuer?: [string, ...string[]]; audience?: [string, ...string[]] | null };
/** Verifies a bearer token; resolves its claims, rejects with {@link InvalidTokenError}. */
export type TokenVerifier = (token: string, override?: VerifyOverride) => Promise<VerifiedToken>;

/** The token is malformed, expired, forged or meant for someone else. */
export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "InvalidTokenError";
  }
}

function decode(token: string): Jwt | null {
  try {
    return jwt.decode(token, { complete: true });
  } catch {
    return null;
  }
}

/**
 * Creates the verifier used on HTTP and on the WebSocket upgrade. It takes the key from the
 * service's own set by `kid` (never from `jku`, `x5u`, `x5c` or an embedded `jwk`), allows the
 * mode's one algorithm, and checks signature, `exp` (required), `nbf`, `iss`, `aud` and `sub`.
 * `acceptExpired` lets the `accept_expired` fault through for one user. A call may widen the
 * issuers and audiences ({@link VerifyOverride}); the key, algorithm and expiry rules stay.
 * @example const verify = createTokenVerifier({ keys, issuer, audience });
 */
export function createTokenVerifier(options: {
  keys: KeySet;
  issuer: string;
  audience: string;
  acceptExpired?: (sub: string) => boolean;
}): TokenVerifier {
  const { keys } = options;
  return async (token, override = {}) => {
    const issuer = override.issuer ?? options.issuer;
    const audience = override.audience === undefined ? options.audience : (override.audience ?? undefined);
    if (Buffer.byteLength(token) > MAX_TOKEN_BYTES) throw new InvalidTokenError("too_large");
    const decoded = decode(token);
    if (decoded === null || typeof decoded.header !== "object") throw new InvalidTokenError("malformed");
    const key = keys.verificationKey(decoded.header);
    if (key === null) throw new InvalidTokenError("unknown_kid");
    const verify = (ignoreExpiration: boolean): { payload: string | jwt.JwtPayload } | { error: unknown } => {
      try {
        return {
          payload: jwt.verify(token, key, { algorithms: [keys.alg], issuer, audience, ignoreExpiration }),
        };
      } catch (error) {
        return { error };
      }
    };
    let result = verify(false);
    // Only after the signature checked out can an expired token's `sub` be trusted.
    const sub = typeof decoded.payload === "object" ? decoded.payload.sub : undefined;
    if ("error" in result && result.error instanceof jwt.TokenExpiredError && typeof sub === "string") {
      if (options.acceptExpired?.(sub) === true) result = verify(true);
    }
    if ("error" in result) {
      throw new InvalidTokenError(result.error instanceof Error ? result.error.name : "invalid");
    }
    const { payload } = result;
    if (typeof payload === "string" || typeof payload.sub !== "string") {
      throw new InvalidTokenError("no_subject");
    }
    if (typeof payload.exp !== "number") throw new InvalidTokenError("no_expiry");
    return { sub: payload.sub, exp: payload.exp, claims: payload };
  };
}
