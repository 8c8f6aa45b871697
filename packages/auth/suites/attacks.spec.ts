import { expect, test } from "@assay/test";
import {
  type AttackAttempt,
  assertAttacksRefused,
  buildAttackCatalog,
  decodeSegment,
  type Jwk,
  MIN_VARIANTS,
  presentOnRest,
  presentOnUpgrade,
  startKeyServer,
} from "../src/index.ts";
import { presentOnLiveSocket } from "./presentOnLiveSocket.ts";

test("every JWT attack is refused on REST, on the upgrade (header and subprotocol) and on a live socket", async ({
  users,
  connectWs,
  testSupport,
  target,
  request,
}) => {
  test.setTimeout(60_000);
  const [alice, bob] = await Promise.all([users.create(), users.create()]);
  const aliceRun = await startRun(alice.api);
  const jwks = await request.get("/.well-known/jwks.json");
  await expect(jwks).toMatchContract("http/jwks.v1");
  const keys = await startKeyServer();
  try {
    const variants = await buildAttackCatalog({
      token: alice.token,
      jwks: ((await jwks.json()) as { keys: Jwk[] }).keys,
      keyServerUrl: keys.url,
      sign: (claims, header) => testSupport.signedToken(claims, header),
    });
    expect(variants.length).toBeGreaterThanOrEqual(MIN_VARIANTS);
    const bobWs = await connectWs({ token: bob.token });
    await expect(bobWs).toReceiveEvent({ type: "session_ready", user_id: bob.id });
    const attempts: AttackAttempt[] = [];
    for (const { name, token } of variants) {
      attempts.push(
        ...(await Promise.all([
          presentOnRest(target.baseURL, name, token),
          presentOnUpgrade(target.wsURL, name, token, "header"),
          presentOnUpgrade(target.wsURL, name, token, "subprotocol"),
        ])),
        await presentOnLiveSocket(bobWs, name, token, aliceRun),
      );
    }
    // The live session is still Bob's and still works after every attempt.
    bobWs.send({ type: "ping", id: "after-attacks" });
    await expect(bobWs).toReceiveEvent({ type: "pong", id: "after-attacks" });
    const refused = attempts.find((a) => a.surface === "rest");
    await expect(JSON.parse(refused?.body ?? "null") as unknown).toMatchContract("http/error.v1");
    const accepted = attempts.filter((a) => a.accepted).length;
    test.info().annotations.push({
      type: "assay:auth-attacks",
      description: `${variants.length} variants × 4 surfaces = ${attempts.length} attempts, ${accepted} accepted, ${keys.requests.length} key-server requests`,
    });
    expect(keys.requests, "the target fetched a key from a token's jku/x5u").toEqual([]);
    assertAttacksRefused(attempts);
  } finally {
    await keys.close();
  }
});

test("a socket whose token expires while it is open is closed with 4401 within 1 s of expiry", async ({
  users,
  connectWs,
  request,
  target,
}) => {
  const alice = await users.create();
  const minted = await request.post(`/v1/test-support/users/${alice.id}/tokens`, {
    headers: { authorization: `Bearer ${target.adminToken}` },
    data: { expires_in_seconds: 2 },
  });
  expect(minted.status()).toBe(201);
  await expect(minted).toMatchContract("http/test-token.v1");
  const { token, expires_at: expiresAt } = (await minted.json()) as { token: string; expires_at: string };
  const ws = await connectWs({ token });
  await expect(ws).toReceiveEvent({ type: "session_ready", user_id: alice.id });
  const { code, reason } = await ws.closed;
  const late = Date.now() - Date.parse(expiresAt);
  expect(code).toBe(4401);
  expect(reason).toBe("token expired");
  expect(late, "ms after exp").toBeLessThanOrEqual(1000);
  expect(late, "closed before exp").toBeGreaterThanOrEqual(-50);
  const after = await presentOnRest(target.baseURL, "expired", token);
  expect(after.status).toBe(401);
});

test("accept_expired: the auth check fails, naming the expired variant and its surfaces", async ({
  users,
  testSupport,
  faults,
  target,
}) => {
  const alice = await users.create();
  await faults.enable(alice.id, "accept_expired");
  const keys = await startKeyServer();
  const variants = await buildAttackCatalog({
    token: alice.token,
    jwks: [],
    keyServerUrl: keys.url,
    sign: (claims, header) => testSupport.signedToken(claims, header),
  });
  await keys.close();
  const expired = variants.find((v) => v.name === "exp-past");
  expect(decodeSegment(expired?.token.split(".")[1] ?? "").sub).toBe(alice.id);
  const attempts = await Promise.all([
    presentOnRest(target.baseURL, "exp-past", expired?.token ?? ""),
    presentOnUpgrade(target.wsURL, "exp-past", expired?.token ?? "", "header"),
  ]);
  expect(() => assertAttacksRefused(attempts)).toThrow(
    /2 of 2 attacks accepted[\s\S]*exp-past on rest: accepted \(HTTP 200\)\n {2}exp-past on ws-upgrade: accepted \(HTTP 101\)/,
  );
});

async function startRun(api: import("@playwright/test").APIRequestContext): Promise<string> {
  const conversation = await (await api.post("/v1/conversations", { data: { title: "victim" } })).json();
  const accepted = await api.post(`/v1/conversations/${conversation.id}/messages`, {
    data: { content: "#tool:clock hi" },
  });
  return ((await accepted.json()) as { run: { id: string } }).run.id;
}
