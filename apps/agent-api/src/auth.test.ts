import assert from "node:assert/strict";
import { createHmac, createPublicKey, generateKeyPairSync, sign as rsaSign } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test as nodeTest } from "node:test";
import WebSocket from "ws";
import { rsaThumbprint } from "./auth/createKeySet.ts";
import { type ChildService, startChildService } from "./startChildService.ts";

// RS256 mode with a configured key: JWKS, and forged tokens refused on HTTP and on the upgrade.
const key = generateKeyPairSync("rsa", { modulusLength: 2048 });
const attacker = generateKeyPairSync("rsa", { modulusLength: 2048 });
let service: ChildService;
const test = (name: string, fn: () => Promise<void>) => nodeTest(name, { timeout: 15_000 }, fn);

before(async () => {
  const pem = key.privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  service = await startChildService({
    ASSAY_JWT_ALG: "RS256",
    ASSAY_JWT_PRIVATE_KEY: pem,
    ASSAY_JWT_SECRET: "",
  });
});

after(async () => {
  await service.stop();
});

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const claims = (sub: string) => ({
  sub,
  iss: "assay-agent-api",
  aud: "assay",
  exp: Math.floor(Date.now() / 1000) + 600,
});
function hmacToken(header: object, payload: object, secret: string | Buffer): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
}
function rsaToken(header: object, payload: object): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${rsaSign("sha256", Buffer.from(input), attacker.privateKey).toString("base64url")}`;
}

async function upgradeStatus(token: string): Promise<number> {
  const ws = new WebSocket(`${service.base.replace("http", "ws")}/v1/ws`, {
    headers: { authorization: `Bearer ${token}` },
  });
  ws.on("error", () => undefined);
  const [, response] = (await once(ws, "unexpected-response")) as [unknown, http.IncomingMessage];
  response.resume();
  return response.statusCode ?? 0;
}

// Fails when the JWKS leaks private parts, changes the kid, or the service's own RS256 tokens stop working.
test("the JWKS publishes the configured key's public half under its thumbprint", async () => {
  const jwks = await service.call("GET", "/.well-known/jwks.json");
  assert.equal(jwks.status, 200);
  const { n, e } = key.publicKey.export({ format: "jwk" });
  assert.deepEqual(jwks.body, {
    keys: [{ kty: "RSA", kid: rsaThumbprint({ n: n ?? "", e: e ?? "" }), alg: "RS256", use: "sig", n, e }],
  });
  const alice = await service.createUser();
  const header = JSON.parse(Buffer.from(alice.token.split(".")[0] ?? "", "base64url").toString());
  assert.deepEqual(header, { alg: "RS256", typ: "JWT", kid: jwks.body.keys[0]?.kid });
  assert.equal((await service.call("GET", "/v1/me", alice.token)).status, 200);
  const socket = await service.openSocket(alice.token);
  assert.equal((await socket.next("session_ready")).user_id, alice.id);
  socket.ws.close();
});

// Fails when a forged RS256-mode token is accepted or refused without the README's 401, or a jku/x5u is fetched.
test("forged tokens get 401 with WWW-Authenticate on HTTP and on the upgrade; jku is never fetched", async () => {
  const requests: string[] = [];
  const listener = http.createServer((req, res) => {
    requests.push(req.url ?? "");
    res.end("{}");
  });
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  const jku = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/jwks.json`;
  const alice = await service.createUser();
  const kid = (await service.call("GET", "/.well-known/jwks.json")).body.keys[0].kid;
  const publicPem = createPublicKey(key.privateKey).export({ format: "pem", type: "spki" });
  const tokenRoute = (header: object) =>
    service.call("POST", "/v1/test-support/tokens", service.admin, {
      user_id: alice.id,
      claims: claims(alice.id),
      header,
    });
  const variants: Record<string, string> = {
    "key confusion: HS256 with the public key PEM": hmacToken(
      { alg: "HS256", typ: "JWT", kid },
      claims(alice.id),
      publicPem,
    ),
    "HS256 with a guessed secret": hmacToken({ alg: "HS256", typ: "JWT" }, claims(alice.id), "s".repeat(32)),
    "jku to a local listener": rsaToken({ alg: "RS256", kid, jku }, claims(alice.id)),
    "x5u to a local listener": rsaToken({ alg: "RS256", kid: "attacker", x5u: jku }, claims(alice.id)),
    "embedded jwk": rsaToken(
      { alg: "RS256", jwk: attacker.publicKey.export({ format: "jwk" }) },
      claims(alice.id),
    ),
    "kid path traversal": (await tokenRoute({ kid: "../../../../dev/null" })).body.token,
    "kid SQL": (await tokenRoute({ kid: "x' UNION SELECT 'secret" })).body.token,
    "alg none": `${b64({ alg: "none", typ: "JWT" })}.${b64(claims(alice.id))}.`,
    "17 KiB token": (
      await service.call("POST", "/v1/test-support/tokens", service.admin, {
        user_id: alice.id,
        claims: { ...claims(alice.id), pad: "x".repeat(17 * 1024) },
      })
    ).body.token,
  };
  for (const [label, token] of Object.entries(variants)) {
    const answer = await service.call("GET", "/v1/me", token);
    assert.equal(answer.status, 401, label);
    assert.equal(answer.body.error.code, "unauthorized", label);
    assert.equal(
      answer.headers.get("www-authenticate"),
      'Bearer realm="assay", error="invalid_token"',
      label,
    );
    assert.equal(await upgradeStatus(token), 401, `${label} (upgrade)`);
  }
  listener.close();
  assert.deepEqual(requests, []);
  const wrongAlg = await tokenRoute({ alg: "HS256" });
  assert.equal(wrongAlg.status, 400, "the service signs in its own mode only");
});
