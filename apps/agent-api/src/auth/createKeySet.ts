import {
  createHash,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";
import jwt, { type JwtHeader } from "jsonwebtoken";

/** The signing modes: one HMAC secret, or one RSA key published as a JWKS. */
export const JWT_ALGS = ["HS256", "RS256"] as const;
export type JwtAlg = (typeof JWT_ALGS)[number];

/** A public key as `GET /.well-known/jwks.json` lists it. */
export type Jwk = { kty: "RSA"; kid: string; alg: "RS256"; use: "sig"; n: string; e: string };

/** The service's own keys: the only ones it signs with and the only ones it verifies with. */
export type KeySet = {
  alg: JwtAlg;
  /** Signs exactly these claims (no `iat` added) with the current key; `header` adds fields. */
  sign: (claims: object, header?: Record<string, unknown>) => string;
  /** The key that verifies a token with this header, or null when its `kid` is not one of ours. */
  verificationKey: (header: JwtHeader) => KeyObject | null;
  /** The public keys (none in HS256 mode). */
  jwks: () => { keys: Jwk[] };
};

/**
 * The RFC 7638 thumbprint of an RSA public key: a `kid` that is the same in every instance
 * configured with the same key (a random one would break tokens across instances).
 * @example rsaThumbprint({ e: "AQAB", n: "…" })
 */
export function rsaThumbprint(jwk: { e: string; n: string }): string {
  const canonical = JSON.stringify({ e: jwk.e, kty: "RSA", n: jwk.n });
  return createHash("sha256").update(canonical).digest("base64url");
}

function hs256(secret: string): KeySet {
  const key = createSecretKey(Buffer.from(secret));
  return {
    alg: "HS256",
    sign: (claims, header = {}) =>
      jwt.sign(claims, key, { algorithm: "HS256", header: { ...header, alg: "HS256" }, noTimestamp: true }),
    // An HMAC key has no id: a token naming one (path traversal, SQL, anything) is not ours.
    verificationKey: (header) => (header.kid === undefined ? key : null),
    jwks: () => ({ keys: [] }),
  };
}

function rs256(privateKeyPem: string | undefined): KeySet {
  const privateKey =
    privateKeyPem === undefined
      ? generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey
      : createPrivateKey(privateKeyPem);
  const publicKey = createPublicKey(privateKey);
  const { n, e } = publicKey.export({ format: "jwk" });
  if (n === undefined || e === undefined) throw new Error("the RSA public key exported without n or e");
  const jwk: Jwk = { kty: "RSA", kid: rsaThumbprint({ n, e }), alg: "RS256", use: "sig", n, e };
  return {
    alg: "RS256",
    sign: (claims, header = {}) =>
      jwt.sign(claims, privateKey, {
        algorithm: "RS256",
        header: { kid: jwk.kid, ...header, alg: "RS256" },
        noTimestamp: true,
      }),
    verificationKey: (header) => (header.kid === jwk.kid ? publicKey : null),
    jwks: () => ({ keys: [{ ...jwk }] }),
  };
}

/**
 * Builds the key set of a mode: HS256 with the secret, or RS256 with the PEM private key (a fresh
 * 2048-bit key when none is given).
 * @example const keys = createKeySet({ alg: "RS256" }); keys.jwks().keys[0]?.kid
 */
export function createKeySet(
  options: { alg: "HS256"; secret: string } | { alg: "RS256"; privateKeyPem?: string },
): KeySet {
  return options.alg === "HS256" ? hs256(options.secret) : rs256(options.privateKeyPem);
}
