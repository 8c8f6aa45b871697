import { randomUUID } from "node:crypto";
import { expect, test } from "@assay/test";
import type { APIResponse } from "@playwright/test";

// The test-support API signs with the target's real key. On staging, a token it signed for a real
// user would be that user's token: it must sign for tagged test users only.

async function expectNotATestUser(response: APIResponse, what: string): Promise<void> {
  expect(response.status(), what).toBe(403);
  await expect(response).toMatchContract("http/error.v1");
  const body = (await response.json()) as { error: { code: string }; token?: unknown };
  expect(body.error.code, what).toBe("not_a_test_user");
  expect(body.token, `${what}: no token`).toBeUndefined();
}

// Fails when the target signs a token for a user that is not a tagged test user (a real user on
// staging), by naming that user or by putting it in the `sub` claim of a test user's token.
test("the token endpoints refuse every subject that is not a tagged test user", async ({
  users,
  request,
  target,
}) => {
  const admin = { authorization: `Bearer ${target.adminToken}` };
  const alice = await users.create();
  // A user the test-support API did not create as a test user. The suite cannot make a real
  // user on a shared target without leaving it behind (the API deletes test users only), so it
  // names an id no test user has: to the endpoint that is what a real user's id looks like. The
  // reference's own tests (apps/agent-api resources.test.ts) also cover an untagged user that exists.
  const real = { id: randomUUID() };
  const now = Math.floor(Date.now() / 1000);
  const claims = (sub?: string) => ({
    ...(sub === undefined ? {} : { sub }),
    iss: "assay-agent-api",
    aud: "assay",
    exp: now + 600,
  });
  const sign = (data: object) => request.post("/v1/test-support/tokens", { headers: admin, data });
  await expectNotATestUser(
    await sign({ user_id: real.id, claims: claims(real.id) }),
    "another user's own token",
  );
  await expectNotATestUser(await sign({ user_id: real.id, claims: claims() }), "another user, no subject");
  await expectNotATestUser(
    await sign({ user_id: alice.id, claims: claims(real.id) }),
    "a test user named, another user as subject",
  );
  await expectNotATestUser(
    await request.post(`/v1/test-support/users/${real.id}/tokens`, {
      headers: admin,
      data: { expires_in_seconds: 60 },
    }),
    "a short-lived token for another user",
  );
  // The same endpoint still signs for the test user itself, with or without its subject.
  for (const sub of [alice.id, undefined]) {
    const signed = await sign({ user_id: alice.id, claims: claims(sub) });
    expect(signed.status(), `alice, sub ${sub ?? "absent"}`).toBe(201);
    await expect(signed).toMatchContract("http/test-token.v1");
  }
});
