import assert from "node:assert/strict";
import { createHmac, createPublicKey, generateKeyPairSync, sign as rsaSign } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import jwt from "jsonwebtoken";
import { isAdminToken } from "./bearerToken.ts";
import { createKeySet } from "./createKeySet.ts";
import { signToken } from "./signToken.ts";
import { createTokenVerifier, InvalidTokenError, MAX_TOKEN_BYTES } from "./verifyToken.ts";

const SECRET = "k".repeat(32);
const options = { issuer: "iss", audience: "aud" };
const hsKeys = createKeySet({ alg: "HS256", secret: SECRET });
const rsKeys = createKeySet({ alg: "RS256" });
const verifyHs = createTokenVerifier({ keys: hsKeys, ...options });
const verifyRs = createTokenVerifier({ keys: rsKeys, ...options });
const userId = "0b7f8f2e-7a3c-4f43-9b7e-2f4a3c1d5e6f";
const now = () => Math.floor(Date.now() / 1000);
const claims = () => ({ sub: userId, iss: "iss", aud: "aud", exp: now() + 600 });
const without = (key: string) => Object.fromEntries(Object.entries(claims()).filter(([k]) => k !== key));
const kid = rsKeys.jwks().keys[0]?.kid ?? "";
const attacker = generateKeyPairSync("rsa", { modulusLength: 2048 });

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
function hmacToken(header: object, payload: object, key: string | Buffer): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac("sha256", key).update(input).digest("base64url")}`;
}
function rsaToken(header: object, payload: object, key = attacker.privateKey): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${rsaSign("sha256", Buffer.from(input), key).toString("base64url")}`;
}

async function refuses(verify: typeof verifyHs, token: string, label: string): Promise<void> {
  await assert.rejects(verify(token), InvalidTokenError, label);
}

// Fails when the verifier refuses the service's own tokens or misreads their sub/exp.
test("accepts the tokens signToken makes, in both modes, and reads sub and exp", async () => {
  for (const [keys, verify] of [
    [hsKeys, verifyHs],
    [rsKeys, verifyRs],
  ] as const) {
    const { token, expiresAt } = signToken({ keys, ...options, userId, now: Date.now() });
    const verified = await verify(token);
    assert.equal(verified.sub, userId);
    assert.equal(verified.exp * 1000, Date.parse(expiresAt));
    assert.ok(Date.parse(expiresAt) - Date.now() > 3590_000);
  }
});

// Fails when any forged, expired, alg-none, kid-carrying or oversized HS256 token verifies.
test("HS256 refuses forged, expired, foreign, unsigned, kid-carrying and malformed tokens", async () => {
  const good = hsKeys.sign(claims());
  const [head, body, signature = ""] = good.split(".");
  const variants: Record<string, string> = {
    "other secret": jwt.sign(claims(), "x".repeat(32)),
    expired: hsKeys.sign({ ...claims(), exp: now() - 10 }),
    "nbf in the future": hsKeys.sign({ ...claims(), nbf: now() + 600 }),
    "wrong iss": hsKeys.sign({ ...claims(), iss: "other" }),
    "wrong aud": hsKeys.sign({ ...claims(), aud: "other" }),
    "no sub": hsKeys.sign(without("sub")),
    "no exp": hsKeys.sign(without("exp")),
    HS512: jwt.sign(claims(), SECRET, { algorithm: "HS512" }),
    "RS256 token": rsKeys.sign(claims()),
    "kid path traversal": hsKeys.sign(claims(), { kid: "../../../../dev/null" }),
    "kid SQL": hsKeys.sign(claims(), { kid: "' OR '1'='1" }),
    "stripped signature": `${head}.${body}.`,
    "no signature segment": `${head}.${body}`,
    "truncated signature": `${head}.${body}.${signature.slice(0, -4)}`,
    "tampered payload": `${head}.${b64({ ...claims(), sub: "11111111-1111-4111-8111-111111111111" })}.${signature}`,
    oversized: hsKeys.sign({ ...claims(), pad: "x".repeat(MAX_TOKEN_BYTES) }),
    garbage: "not-a-token",
    "bad JSON header": `${Buffer.from("{").toString("base64url")}.${body}.${signature}`,
  };
  for (const alg of ["none", "None", "NONE", "nOnE"]) {
    variants[`alg ${alg}`] = `${b64({ alg, typ: "JWT" })}.${b64(claims())}.`;
    variants[`alg ${alg} without dot`] = `${b64({ alg, typ: "JWT" })}.${b64(claims())}`;
  }
  for (const [label, token] of Object.entries(variants)) await refuses(verifyHs, token, label);
});

// Fails when key confusion, a foreign key, an unknown kid verifies, or the verifier fetches a key.
test("RS256 refuses key confusion, foreign keys, unknown kids, and never fetches jku/x5u", async () => {
  const requests: string[] = [];
  const listener = http.createServer((req, res) => {
    requests.push(req.url ?? "");
    res.end(JSON.stringify({ keys: [] }));
  });
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/jwks.json`;
  const publicPem = attacker.publicKey.export({ format: "pem", type: "spki" });
  const jwk = rsKeys.jwks().keys[0];
  assert.ok(jwk !== undefined);
  const ours = { kty: "RSA", n: jwk.n, e: jwk.e };
  const ourPem = createPublicKey({ key: ours, format: "jwk" }).export({ format: "pem", type: "spki" });
  const variants: Record<string, string> = {
    "HS256 signed with our public key PEM": hmacToken({ alg: "HS256", typ: "JWT", kid }, claims(), ourPem),
    "HS256 without kid": hmacToken({ alg: "HS256", typ: "JWT" }, claims(), ourPem),
    "attacker key, our kid": rsaToken({ alg: "RS256", kid }, claims()),
    "attacker key, unknown kid": rsaToken({ alg: "RS256", kid: "attacker" }, claims()),
    "HS256 with a guessed secret": jwt.sign(claims(), "x".repeat(32)),
    "jku to a local listener": rsaToken({ alg: "RS256", kid: "attacker", jku: url }, claims()),
    "x5u to a local listener": rsaToken({ alg: "RS256", kid, x5u: url }, claims()),
    "embedded jwk": rsaToken({ alg: "RS256", jwk: attacker.publicKey.export({ format: "jwk" }) }, claims()),
    "HS256 with attacker PEM": hmacToken({ alg: "HS256", kid }, claims(), publicPem),
  };
  for (const [label, token] of Object.entries(variants)) await refuses(verifyRs, token, label);
  // Signed with the very key the verifier holds, but naming no kid: refused too.
  const pem = attacker.privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  const verifyAttackerKey = createTokenVerifier({
    keys: createKeySet({ alg: "RS256", privateKeyPem: pem }),
    ...options,
  });
  await refuses(verifyAttackerKey, rsaToken({ alg: "RS256" }, claims()), "right key, no kid");
  listener.close();
  assert.deepEqual(requests, [], "the verifier must never fetch a key");
});

// Fails when the accept_expired fault leaks to other users or lets a forged expired token through.
test("acceptExpired lets one user's genuinely signed expired tokens through, no one else's", async () => {
  const verify = createTokenVerifier({ keys: hsKeys, ...options, acceptExpired: (sub) => sub === userId });
  const expired = { ...claims(), exp: now() - 60 };
  assert.equal((await verify(hsKeys.sign(expired))).sub, userId);
  const other = { ...expired, sub: "11111111-1111-4111-8111-111111111111" };
  await refuses(verify, hsKeys.sign(other), "another user's expired token");
  await refuses(verify, jwt.sign(expired, "x".repeat(32)), "a forged expired token");
});

// Fails when the kid differs between instances sharing a key, or the JWKS carries private parts.
test("a configured PEM gives the same kid in every instance; the JWKS holds public parts only", () => {
  const pem = attacker.privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  const one = createKeySet({ alg: "RS256", privateKeyPem: pem }).jwks();
  const two = createKeySet({ alg: "RS256", privateKeyPem: pem }).jwks();
  assert.deepEqual(one, two);
  assert.deepEqual(Object.keys(one.keys[0] ?? {}).sort(), ["alg", "e", "kid", "kty", "n", "use"]);
  assert.deepEqual(hsKeys.jwks(), { keys: [] });
});

// Fails when a prefix or a missing token passes as the admin token.
test("isAdminToken compares exactly", () => {
  assert.equal(isAdminToken("a".repeat(32), "a".repeat(32)), true);
  assert.equal(isAdminToken("a".repeat(31), "a".repeat(32)), false);
  assert.equal(isAdminToken(null, "a".repeat(32)), false);
  assert.equal(isAdminToken("a".repeat(32), undefined), false);
});

test("a call may widen issuers and audiences (or leave the audience to the caller); signature and expiry still hold", async () => {
  const oauth = { ...claims(), iss: "http://h:1", aud: "http://h:1/mcp" };
  await refuses(verifyHs, hsKeys.sign(oauth), "not the verifier's own issuer and audience");
  const widened = await verifyHs(hsKeys.sign(oauth), {
    issuer: ["iss", "http://h:1"],
    audience: ["aud", "http://h:1/mcp"],
  });
  assert.equal(widened.claims.aud, "http://h:1/mcp");
  const open = await verifyHs(hsKeys.sign({ ...oauth, aud: "anything" }), {
    issuer: ["http://h:1"],
    audience: null,
  });
  assert.equal(open.claims.aud, "anything");
  await assert.rejects(
    verifyHs(hsKeys.sign({ ...oauth, exp: now() - 5 }), { issuer: ["http://h:1"], audience: null }),
    InvalidTokenError,
  );
  await assert.rejects(
    verifyHs(jwt.sign(oauth, "x".repeat(32)), { issuer: ["http://h:1"], audience: null }),
    InvalidTokenError,
  );
});
