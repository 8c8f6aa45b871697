import { expect, test } from "@assay/test";
import type { APIResponse } from "@playwright/test";

/** Asserts the one error envelope: status, code, the correlation id in body and header, no internals. */
async function expectError(response: APIResponse, status: number, code: string) {
  expect(response.status()).toBe(status);
  await expect(response).toMatchContract("http/error.v1");
  const body = await response.json();
  expect(body.error.code).toBe(code);
  expect(body.error.correlation_id).toBe(response.headers()["x-correlation-id"]);
  expect(await response.text()).not.toMatch(/\bat \S+ \(|\.ts:\d+|node_modules|\/src\/|SELECT |INSERT /);
}

// Each test here fails when the service answers with another status or code, a body outside
// http/error.v1, a correlation id that differs from its header, or internals (stack, SQL, paths).
test("an unknown route is a 404 envelope", async ({ request }) => {
  await expectError(await request.get("/v1/no-such-route"), 404, "not_found");
});

test("a missing token is a 401 envelope with WWW-Authenticate", async ({ request }) => {
  const response = await request.get("/v1/me");
  await expectError(response, 401, "unauthorized");
  expect(response.headers()["www-authenticate"]).toMatch(/^Bearer realm="assay"/);
});

test("a forged token is a 401 envelope naming invalid_token", async ({ request }) => {
  const forged = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIwIn0.c2lnbmF0dXJl";
  const response = await request.get("/v1/me", { headers: { authorization: `Bearer ${forged}` } });
  await expectError(response, 401, "unauthorized");
  expect(response.headers()["www-authenticate"]).toContain('error="invalid_token"');
});

test("malformed JSON is a 400 invalid_json envelope", async ({ users }) => {
  const alice = await users.create();
  const response = await alice.api.post("/v1/conversations", {
    headers: { "content-type": "application/json" },
    // A Buffer goes out byte for byte; a string would be JSON-encoded into a valid JSON string.
    data: Buffer.from('{"title": "unterminated'),
  });
  await expectError(response, 400, "invalid_json");
});

test("JSON of the wrong shape is a 400 validation_failed envelope naming the field", async ({ users }) => {
  const alice = await users.create();
  const response = await alice.api.post("/v1/conversations", { data: { title: 42 } });
  await expectError(response, 400, "validation_failed");
  expect((await response.json()).error.message).toContain("title");
});

test("a body that is not JSON is a 415 envelope", async ({ users }) => {
  const alice = await users.create();
  const response = await alice.api.post("/v1/conversations", {
    headers: { "content-type": "text/plain" },
    data: "title=plain",
  });
  await expectError(response, 415, "unsupported_media_type");
});

test("a body over 1 MiB is a 413 envelope", async ({ users }) => {
  const alice = await users.create();
  const response = await alice.api.post("/v1/conversations", {
    data: { title: "big", padding: "x".repeat(1024 * 1024 + 16) },
  });
  await expectError(response, 413, "payload_too_large");
});

test("a known path with the wrong method is a 405 envelope with Allow", async ({ users }) => {
  const alice = await users.create();
  const response = await alice.api.put("/v1/conversations", { data: {} });
  await expectError(response, 405, "method_not_allowed");
  expect(response.headers().allow).toContain("GET");
});

// Fails when a foreign id can be told apart from a missing one (an existence oracle).
test("another user's conversation is the same 404 as one that does not exist", async ({ users }) => {
  const [alice, bob] = [await users.create(), await users.create()];
  const created = await alice.api.post("/v1/conversations", { data: { title: "alice only" } });
  const { id } = await created.json();
  const foreign = await bob.api.get(`/v1/conversations/${id}`);
  const missing = await bob.api.get(`/v1/conversations/${crypto.randomUUID()}`);
  await expectError(foreign, 404, "not_found");
  await expectError(missing, 404, "not_found");
  const strip = (body: { error: { correlation_id?: string } }) => ({
    ...body.error,
    correlation_id: undefined,
  });
  expect(strip(await foreign.json())).toEqual(strip(await missing.json()));
});
