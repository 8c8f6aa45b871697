import { expect, test } from "@assay/test";

test("a socket opened with a user's token gets session_ready first", async ({ users, connectWs }) => {
  const alice = await users.create();
  const ws = await connectWs({ token: alice.token });
  await expect(ws).toReceiveEvent({ type: "session_ready", user_id: alice.id });
  expect(ws.frames[0]?.data).toMatchObject({ type: "session_ready" });
});

test("the browser form of auth (subprotocols) is accepted too", async ({ users, connectWs }) => {
  const alice = await users.create();
  const ws = await connectWs({ token: alice.token, auth: "subprotocol" });
  await expect(ws).toReceiveEvent({ type: "session_ready", user_id: alice.id });
});

test("ping gets pong, echoing its id", async ({ users, connectWs }) => {
  const alice = await users.create();
  const ws = await connectWs({ token: alice.token });
  ws.send({ type: "ping", id: "p-1" });
  await expect(ws).toReceiveEvent({ type: "pong", id: "p-1" });
});

test("an unknown message type gets an error frame and the socket stays usable", async ({
  users,
  connectWs,
}) => {
  const alice = await users.create();
  const ws = await connectWs({ token: alice.token });
  ws.send({ type: "subscribe_everything" });
  await expect(ws).toReceiveEvent({ type: "error", error: { code: "unknown_message_type" } });
  ws.send({ type: "ping", id: "after" });
  await expect(ws).toReceiveEvent({ type: "pong", id: "after" });
});

test("a frame that is not JSON gets an invalid_json error frame", async ({ users, connectWs }) => {
  const alice = await users.create();
  const ws = await connectWs({ token: alice.token });
  ws.sendRaw("{not json");
  await expect(ws).toReceiveEvent({ type: "error", error: { code: "invalid_json" } });
});

test("a frame over 1 MiB closes the socket with 1009", async ({ users, connectWs }) => {
  const alice = await users.create();
  const ws = await connectWs({ token: alice.token });
  await expect(ws).toReceiveEvent({ type: "session_ready" });
  ws.sendRaw("x".repeat(1024 * 1024 + 1));
  expect((await ws.closed).code).toBe(1009);
});
