import { annotate, expect, test } from "@assay/test";
import type { APIRequestContext } from "@playwright/test";
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

/** The surfaces a token is presented on: REST, and the upgrade as a header and as a subprotocol. */
const SURFACES = 3;

// Fails when the target accepts any forged token on any surface, refuses one without the 401,
// WWW-Authenticate and envelope the README promises, or fetches a key from a token's header.
test("every JWT attack is refused on REST and on the upgrade (header and subprotocol)", async ({
  users,
  testSupport,
  target,
  request,
}) => {
  test.setTimeout(60_000);
  const alice = await users.create();
  const jwks = await request.get("/.well-known/jwks.json");
  await expect(jwks).toMatchContract("http/jwks.v1");
  const keys = await startKeyServer();
  try {
    const variants = await buildAttackCatalog({
      token: alice.token,
      jwks: ((await jwks.json()) as { keys: Jwk[] }).keys,
      keyServerUrl: keys.url,
      sign: (claims, header) => testSupport.signedToken(alice.id, claims, header),
    });
    expect(variants.length).toBeGreaterThanOrEqual(MIN_VARIANTS);
    const attempts: AttackAttempt[] = [];
    for (const { name, token } of variants) {
      attempts.push(
        ...(await Promise.all([
          presentOnRest(target.baseURL, name, token),
          presentOnUpgrade(target.wsURL, name, token, "header"),
          presentOnUpgrade(target.wsURL, name, token, "subprotocol"),
        ])),
      );
    }
    expect(attempts).toHaveLength(variants.length * SURFACES);
    const refused = attempts.find((a) => a.surface === "rest");
    await expect(JSON.parse(refused?.body ?? "null") as unknown).toMatchContract("http/error.v1");
    const accepted = attempts.filter((a) => a.accepted).length;
    annotate(
      "assay:auth-attacks",
      `${variants.length} variants × ${SURFACES} surfaces = ${attempts.length} attempts, ${accepted} accepted, ${keys.requests.length} key-server requests`,
    );
    expect(keys.requests, "the target fetched a key from a token's jku/x5u").toEqual([]);
    assertAttacksRefused(attempts);
  } finally {
    await keys.close();
  }
});

// The protocol has no in-band credential: a session is the user of its upgrade token until it
// closes. That is why the catalog counts no "live socket" surface. Fails when the socket starts
// taking a token in a frame: then that frame is a surface, and the catalog must present every
// variant on it.
test("a live socket takes no credential in a frame: the victim's own valid token gains nothing", async ({
  users,
  connectWs,
}) => {
  const [alice, bob] = await Promise.all([users.create(), users.create()]);
  const aliceRun = await startRun(alice.api);
  const bobWs = await connectWs({ token: bob.token });
  await expect(bobWs).toReceiveEvent({ type: "session_ready", user_id: bob.id });
  bobWs.send({ type: "authenticate", token: alice.token });
  await expect(bobWs).toReceiveEvent({ type: "error", error: { code: "unknown_message_type" } });
  bobWs.send({
    type: "replay",
    run_id: aliceRun,
    token: alice.token,
    access_token: alice.token,
    authorization: `Bearer ${alice.token}`,
  });
  await expect(bobWs).toReceiveEvent({ type: "error", error: { code: "not_found" } });
  // Frames are answered in order: once the pong is here, every answer to the frames above is too.
  bobWs.send({ type: "ping", id: "after" });
  await expect(bobWs).toReceiveEvent({ type: "pong", id: "after" });
  const types = bobWs.frames.map((f) => (f.data as { type?: string }).type);
  expect(types).toEqual(["session_ready", "error", "error", "pong"]);
});

// Fails when an open socket outlives its token: not closed, closed late, or with another code.
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

// Fails when the catalog's check cannot see an accepted token: the service accepts alice's
// expired tokens under the fault, and the check must name that variant on both surfaces.
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
    sign: (claims, header) => testSupport.signedToken(alice.id, claims, header),
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

async function startRun(api: APIRequestContext): Promise<string> {
  const conversation = await (await api.post("/v1/conversations", { data: { title: "victim" } })).json();
  const accepted = await api.post(`/v1/conversations/${conversation.id}/messages`, {
    data: { content: "#tool:clock hi" },
  });
  return ((await accepted.json()) as { run: { id: string } }).run.id;
}
