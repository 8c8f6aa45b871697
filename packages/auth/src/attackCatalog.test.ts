import assert from "node:assert/strict";
import { createHmac, createPublicKey, generateKeyPairSync } from "node:crypto";
import { test } from "node:test";
import jwt from "jsonwebtoken";
import { buildAttackCatalog, MIN_VARIANTS } from "./attackCatalog.ts";
import { decodeSegment } from "./encodeJwt.ts";

const secret = "k".repeat(40);
const claims = { sub: "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b", iss: "assay-agent-api", aud: "assay" };
const keyServerUrl = "http://127.0.0.1:9";

// A stand-in target: tokens signed with a known HS256 secret or RS256 key, verified the strict
// way (one algorithm, issuer, audience, exp and sub required), as apps/agent-api does.
function hs256() {
  const sign = async (c: Record<string, unknown>, header: Record<string, unknown> = {}) =>
    jwt.sign(c, secret, { algorithm: "HS256", header: { alg: "HS256", ...header } });
  const token = jwt.sign(claims, secret, { algorithm: "HS256", expiresIn: 600 });
  const verify = (t: string) => {
    const payload = jwt.verify(t, secret, {
      algorithms: ["HS256"],
      issuer: claims.iss,
      audience: claims.aud,
    });
    if (typeof payload === "string" || typeof payload.sub !== "string") throw new Error("no sub");
    return payload;
  };
  return { sign, token, verify, jwks: [] };
}

function rs256() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = {
    ...publicKey.export({ format: "jwk" }),
    kid: "k1",
    alg: "RS256",
    use: "sig",
  };
  const sign = async (c: Record<string, unknown>, header: Record<string, unknown> = {}) =>
    jwt.sign(c, privateKey, { algorithm: "RS256", header: { alg: "RS256", kid: "k1", ...header } });
  const token = jwt.sign(claims, privateKey, { algorithm: "RS256", expiresIn: 600, keyid: "k1" });
  return { sign, token, jwks: [jwk as { kty: string; kid: string }], publicKey };
}

// Fails when a variant is missing, duplicated, or valid to a strict verifier (a variant that tests nothing).
test("the HS256 catalog has every named variant, unique, each refused by a strict verifier", async () => {
  const target = hs256();
  const variants = await buildAttackCatalog({
    token: target.token,
    jwks: target.jwks,
    keyServerUrl,
    sign: target.sign,
  });
  assert.ok(variants.length >= MIN_VARIANTS, `${variants.length} variants`);
  assert.equal(new Set(variants.map((v) => v.name)).size, variants.length);
  assert.ok(target.verify(target.token), "the base token itself is valid");
  for (const { name, token } of variants) {
    // Valid signature and claims: only a size limit (the service's 8 KiB) refuses it.
    if (name === "oversized-17kib") continue;
    assert.throws(() => target.verify(token), Error, `${name} must not verify`);
  }
});

// Fails when a variant is not the attack its name says (wrong alg, key, claim or header).
test("each variant is built the way its name says", async () => {
  const target = hs256();
  const variants = await buildAttackCatalog({
    token: target.token,
    jwks: [],
    keyServerUrl,
    sign: target.sign,
  });
  const byName = new Map(variants.map((v) => [v.name, v.token]));
  const header = (name: string) => decodeSegment(byName.get(name)?.split(".")[0] ?? "");
  const payload = (name: string) => decodeSegment(byName.get(name)?.split(".")[1] ?? "");
  const now = Date.now() / 1000;
  assert.equal(header("alg-none").alg, "none");
  assert.match(byName.get("alg-none") ?? "", /^[\w-]+\.[\w-]+\.$/);
  assert.match(byName.get("alg-none-no-dot") ?? "", /^[\w-]+\.[\w-]+$/);
  assert.deepEqual(
    ["alg-None", "alg-NONE", "alg-nOnE-no-dot"].map((n) => header(n).alg),
    ["None", "NONE", "nOnE"],
  );
  const [h, p, s] = target.token.split(".");
  assert.equal(byName.get("signature-stripped"), `${h}.${p}.`);
  assert.ok((byName.get("signature-truncated") ?? "").length < target.token.length);
  assert.notEqual(byName.get("signature-flipped"), target.token);
  assert.equal(byName.get("payload-tampered")?.split(".")[2], s, "old signature kept");
  assert.equal(payload("payload-tampered").admin, true);
  assert.ok(Number(payload("exp-past").exp) < now);
  assert.ok(Number(payload("nbf-future").nbf) > now + 3000);
  assert.equal(payload("iss-wrong").iss, "https://evil.example");
  assert.equal(payload("aud-wrong").aud, "someone-else");
  assert.equal(payload("sub-missing").sub, undefined);
  assert.equal(header("kid-path-traversal").kid, "../../../../../../../dev/null");
  const [kh, kp, ks] = (byName.get("kid-path-traversal") ?? "").split(".");
  assert.equal(
    ks,
    createHmac("sha256", "").update(`${kh}.${kp}`).digest("base64url"),
    "HMAC with /dev/null's empty key",
  );
  assert.match(String(header("kid-sql-injection").kid), /UNION SELECT/);
  assert.equal(header("jku-attacker-keyset").jku, `${keyServerUrl}/jwks.json`);
  assert.equal(header("x5u-attacker-cert").x5u, `${keyServerUrl}/cert.pem`);
  assert.equal((header("jwk-embedded").jwk as { kty: string }).kty, "RSA");
  assert.ok((byName.get("oversized-17kib") ?? "").length > 17 * 1024);
  // The attacker's own RS256 signature is genuine: only the key is wrong.
  const jwk = header("jwk-embedded").jwk as Parameters<typeof createPublicKey>[0];
  const attackerKey = createPublicKey({ key: jwk, format: "jwk" } as never);
  assert.ok(jwt.verify(byName.get("jwk-embedded") ?? "", attackerKey, { algorithms: ["RS256"] }));
});

// Fails when RS256 targets miss the key-confusion and unknown-kid variants.
test("in RS256 mode the catalog adds key confusion with the target's public key and a bad kid", async () => {
  const target = rs256();
  const variants = await buildAttackCatalog({
    token: target.token,
    jwks: target.jwks,
    keyServerUrl,
    sign: target.sign,
  });
  assert.ok(variants.length >= MIN_VARIANTS + 2);
  const confusion = variants.find((v) => v.name === "hs256-with-public-key")?.token ?? "";
  const [h, p, s] = confusion.split(".");
  const pem = String(target.publicKey.export({ format: "pem", type: "spki" }));
  assert.equal(
    s,
    createHmac("sha256", pem).update(`${h}.${p}`).digest("base64url"),
    "HMAC keyed with the PEM",
  );
  assert.equal(decodeSegment(h ?? "").alg, "HS256");
  const unknownKid = variants.find((v) => v.name === "kid-unknown-target-signed")?.token ?? "";
  assert.match(String(decodeSegment(unknownKid.split(".")[0] ?? "").kid), /^unknown-/);
});
