import { createPublicKey, generateKeyPairSync, type KeyObject, randomBytes } from "node:crypto";
import { base64url, decodeSegment, encodeJwt } from "./encodeJwt.ts";

/** One forged or broken token, named. The token is a secret like any other: never print it. */
export interface AttackVariant {
  name: string;
  /** What the attack tries, in one line. */
  description: string;
  token: string;
}

/** A public key as the target's JWKS lists it. */
export interface Jwk {
  kty: string;
  kid?: string;
  n?: string;
  e?: string;
  [key: string]: unknown;
}

export interface AttackCatalogInput {
  /** A valid token of the victim, minted by the target: the base every variant is built from. */
  token: string;
  /** The target's public keys (`GET /.well-known/jwks.json`); empty in HS256 mode. */
  jwks: readonly Jwk[];
  /** Where `jku` and `x5u` point: a listener that must never be called. */
  keyServerUrl: string;
  /**
   * Signs claims (and header fields) with the target's own key, for the victim (a test user):
   * `POST /v1/test-support/tokens`, which signs for test users only. Every claim set the catalog
   * passes is the victim's `sub` or none.
   */
  sign(claims: Record<string, unknown>, header?: Record<string, unknown>): Promise<string>;
}

/** The catalog: at least 23 variants in HS256 mode, 25 in RS256 mode. */
export const MIN_VARIANTS = 23;

/**
 * Builds the JWT attack catalog against a target from one valid token of the victim: `alg: none`
 * in several casings with and without the trailing dot, key confusion (HS256 signed with the
 * target's RS256 public key), an attacker's RS256 key, stripped, truncated and flipped
 * signatures, a payload tampered under the old signature, valid signatures over bad claims
 * (expired, not yet valid, wrong issuer or audience, no subject), `kid` path traversal, SQL and
 * unknown, `jku`/`x5u` pointing at `keyServerUrl`, an embedded `jwk` and a 17 KiB token.
 *
 * @example
 * const variants = await buildAttackCatalog({ token: alice.token, jwks, keyServerUrl, sign });
 * for (const { name, token } of variants) await presentOnRest(baseURL, token);
 */
export async function buildAttackCatalog(input: AttackCatalogInput): Promise<AttackVariant[]> {
  const [head = "", body = "", sig = ""] = input.token.split(".");
  const header = decodeSegment(head);
  const claims = decodeSegment(body);
  const alg = String(header.alg);
  const now = Math.floor(Date.now() / 1000);
  const good = { sub: claims.sub, iss: claims.iss, aud: claims.aud, iat: now, exp: now + 600 };
  const attacker = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  const attackerJwk = {
    ...createPublicKey(attacker).export({ format: "jwk" }),
    kid: "attacker",
    alg: "RS256",
    use: "sig",
  };
  const forged = (h: object, s: Parameters<typeof encodeJwt>[2]) => encodeJwt(h, good, s);
  const rsa = (extra: object) =>
    forged({ alg: "RS256", typ: "JWT", ...extra }, { kind: "rsa", key: attacker });
  const none = (casing: string, dot: boolean) => {
    const token = forged({ alg: casing, typ: "JWT" }, { kind: "none" });
    return dot ? token : token.slice(0, -1);
  };
  const own = (extra: object) => input.sign({ ...good, ...extra });
  const variants: AttackVariant[] = [
    v("alg-none", 'alg "none", no signature, trailing dot', none("none", true)),
    v("alg-none-no-dot", 'alg "none" as two segments, no trailing dot', none("none", false)),
    v("alg-None", 'alg "None", trailing dot', none("None", true)),
    v("alg-NONE", 'alg "NONE", trailing dot', none("NONE", true)),
    v("alg-nOnE-no-dot", 'alg "nOnE", no trailing dot', none("nOnE", false)),
    v(
      "alg-none-old-signature",
      'alg "none" over the victim\'s claims, old signature kept',
      `${base64url(JSON.stringify({ alg: "none", typ: "JWT" }))}.${body}.${sig}`,
    ),
    v("rs256-attacker-key", "RS256 signed with a key the attacker made", rsa({})),
    v("signature-stripped", "the victim's header and payload with the signature removed", `${head}.${body}.`),
    v(
      "signature-truncated",
      "the victim's token with its signature cut short",
      `${head}.${body}.${sig.slice(0, Math.max(1, sig.length - 8))}`,
    ),
    v("signature-flipped", "one character of the signature changed", `${head}.${body}.${flip(sig)}`),
    v(
      "payload-tampered",
      "claims changed (exp +10 years, admin) under the old signature",
      `${head}.${base64url(JSON.stringify({ ...claims, exp: now + 315_360_000, admin: true }))}.${sig}`,
    ),
    v("exp-past", "signed by the target, expired a minute ago", await own({ iat: now - 120, exp: now - 60 })),
    v("nbf-future", "signed by the target, not valid for another hour", await own({ nbf: now + 3600 })),
    v("iss-wrong", "signed by the target for another issuer", await own({ iss: "https://evil.example" })),
    v("aud-wrong", "signed by the target for another audience", await own({ aud: "someone-else" })),
    v(
      "sub-missing",
      "signed by the target without a subject",
      await input.sign({ iss: good.iss, aud: good.aud, iat: now, exp: now + 600 }),
    ),
    v(
      "kid-path-traversal",
      "kid points at /dev/null, HMAC with an empty key",
      forged(
        { alg: "HS256", typ: "JWT", kid: "../../../../../../../dev/null" },
        { kind: "hmac", secret: "" },
      ),
    ),
    v(
      "kid-sql-injection",
      "kid injects SQL that would select a known key",
      forged(
        { alg: "HS256", typ: "JWT", kid: "x' UNION SELECT 'assay' -- " },
        { kind: "hmac", secret: "assay" },
      ),
    ),
    v(
      "kid-unknown",
      "a kid the target does not have, signed by the attacker",
      rsa({ kid: `unknown-${randomBytes(4).toString("hex")}` }),
    ),
    v(
      "jku-attacker-keyset",
      "jku points at the attacker's key set",
      rsa({ kid: "attacker", jku: `${input.keyServerUrl}/jwks.json` }),
    ),
    v(
      "x5u-attacker-cert",
      "x5u points at the attacker's certificate",
      rsa({ x5u: `${input.keyServerUrl}/cert.pem` }),
    ),
    v("jwk-embedded", "the attacker's public key embedded in the header", rsa({ jwk: attackerJwk })),
    v(
      "oversized-17kib",
      "a valid signature over 17 KiB of claims",
      await own({ pad: "x".repeat(17 * 1024) }),
    ),
  ];
  const rsaKey = input.jwks.find((key) => key.kty === "RSA");
  if (alg === "RS256" && rsaKey) {
    variants.push(
      v(
        "hs256-with-public-key",
        "key confusion: HS256 signed with the target's RS256 public key (PEM)",
        forged({ alg: "HS256", typ: "JWT", kid: rsaKey.kid }, { kind: "hmac", secret: pem(rsaKey) }),
      ),
      v(
        "kid-unknown-target-signed",
        "signed by the target but naming a kid it does not have",
        await input.sign(good, { kid: `unknown-${randomBytes(4).toString("hex")}` }),
      ),
    );
  }
  return variants;
}

function v(name: string, description: string, token: string): AttackVariant {
  return { name, description, token };
}

function flip(sig: string): string {
  const at = Math.floor(sig.length / 2);
  return `${sig.slice(0, at)}${sig[at] === "A" ? "B" : "A"}${sig.slice(at + 1)}`;
}

function pem(jwk: Jwk): string {
  const key: KeyObject = createPublicKey({
    key: { kty: "RSA", n: String(jwk.n), e: String(jwk.e) },
    format: "jwk",
  });
  return String(key.export({ format: "pem", type: "spki" }));
}
