import { expect, test } from "@assay/test";

const forged = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIwIn0.c2lnbmF0dXJl";

test("an upgrade without a token is refused with 401 and the error envelope", async ({ connectWs }) => {
  await expect(connectWs({ token: "" })).rejects.toThrow(/HTTP 401.*unauthorized/);
});

test("an upgrade with a forged token is refused with 401", async ({ connectWs }) => {
  await expect(connectWs({ token: forged })).rejects.toThrow(/HTTP 401.*unauthorized/);
});

test("a refused upgrade never echoes the token in the error", async ({ connectWs }) => {
  const error = await connectWs({ token: forged }).catch((e: Error) => e);
  expect(error).toBeInstanceOf(Error);
  expect(String((error as Error).message)).not.toContain(forged);
});

test("a deleted user's token no longer opens a socket", async ({ users, connectWs, request, target }) => {
  const alice = await users.create();
  await request.delete(`/v1/test-support/users/${alice.id}`, {
    headers: { authorization: `Bearer ${target.adminToken}` },
  });
  await expect(connectWs({ token: alice.token })).rejects.toThrow(/HTTP 401/);
});
