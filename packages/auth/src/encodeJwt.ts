import { createHmac, createSign, type KeyObject } from "node:crypto";

/** How a forged token is signed: not at all, with an HMAC secret, or with an RSA private key. */
export type JwtSigner =
  | { kind: "none" }
  | { kind: "hmac"; secret: string | Buffer }
  | { kind: "rsa"; key: KeyObject };

/**
 * Encodes header and payload as base64url JSON and signs `header.payload` the way `signer` says.
 * Built by hand because JWT libraries refuse to build the broken tokens an attack catalog needs.
 *
 * @example
 * encodeJwt({ alg: "none" }, { sub: "u-1" }, { kind: "none" }); // "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1LTEifQ."
 */
export function encodeJwt(header: object, payload: object, signer: JwtSigner): string {
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  return `${input}.${signature(input, signer)}`;
}

// The base64url signature of `input` (the token's first two segments).
function signature(input: string, signer: JwtSigner): string {
  if (signer.kind === "none") return "";
  if (signer.kind === "hmac") return createHmac("sha256", signer.secret).update(input).digest("base64url");
  return createSign("RSA-SHA256").update(input).sign(signer.key).toString("base64url");
}

/**
 * Decodes one base64url JSON segment of a token.
 *
 * @example
 * decodeSegment(token.split(".")[1] ?? ""); // { sub: "…", exp: … }
 */
export function decodeSegment(segment: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Encodes text as base64url without padding.
 *
 * @example
 * base64url('{"alg":"none"}'); // "eyJhbGciOiJub25lIn0"
 */
export function base64url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}
