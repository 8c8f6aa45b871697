import { expect, test } from "@assay/test";

const forged = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIwIn0.c2lnbmF0dXJl";

// Fails when the upgrade goes through without credentials, or is refused without the envelope.
test("an upgrade without a token is refused with 401 and the error envelope", async ({ connectWs }) => {
  await expect(connectWs({ token: "" })).rejects.toThrow(/HTTP 401.*unauthorized/);
});

// Fails when a token whose signature does not verify opens a socket.
test("an upgrade with a forged token is refused with 401", async ({ connectWs }) => {
  await expect(connectWs({ token: forged })).rejects.toThrow(/HTTP 401.*unauthorized/);
});

// Fails when the refusal (or the client's error) repeats the token it was given.
test("a refused upgrade never echoes the token in the error", async ({ connectWs }) => {
  const error = await connectWs({ token: forged }).catch((e: Error) => e);
  expect(error).toBeInstanceOf(Error);
  expect(String((error as Error).message)).not.toContain(forged);
});

// Fails when the service trusts a valid signature without checking the user still exists.
test("a deleted user's token no longer opens a socket", async ({ users, connectWs, request, target }) => {
  const alice = await users.create();
  await request.delete(`/v1/test-support/users/${alice.id}`, {
    headers: { authorization: `Bearer ${target.adminToken}` },
  });
  await expect(connectWs({ token: alice.token })).rejects.toThrow(/HTTP 401/);
});
