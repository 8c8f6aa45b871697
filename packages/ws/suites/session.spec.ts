import { expect, test } from "@assay/test";

// Fails when the first frame is not session_ready, or it names another user.
test("a socket opened with a user's token gets session_ready first", async ({ users, connectWs }) => {
  const alice = await users.create();
  const ws = await connectWs({ token: alice.token });
  await expect(ws).toReceiveEvent({ type: "session_ready", user_id: alice.id });
  expect(ws.frames[0]?.data).toMatchObject({ type: "session_ready" });
});

// Fails when the subprotocol form of the token (what browsers can send) is refused.
test("the browser form of auth (subprotocols) is accepted too", async ({ users, connectWs }) => {
  const alice = await users.create();
  const ws = await connectWs({ token: alice.token, auth: "subprotocol" });
  await expect(ws).toReceiveEvent({ type: "session_ready", user_id: alice.id });
});

// Fails when a ping goes unanswered or the pong drops its id.
test("ping gets pong, echoing its id", async ({ users, connectWs }) => {
  const alice = await users.create();
  const ws = await connectWs({ token: alice.token });
  ws.send({ type: "ping", id: "p-1" });
  await expect(ws).toReceiveEvent({ type: "pong", id: "p-1" });
});

// Fails when an unknown type is ignored, closes the socket, or gets a code other than unknown_message_type.
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

// Fails when text that is not JSON is ignored or answered with another code.
test("a frame that is not JSON gets an invalid_json error frame", async ({ users, connectWs }) => {
  const alice = await users.create();
  const ws = await connectWs({ token: alice.token });
  ws.sendRaw("{not json");
  await expect(ws).toReceiveEvent({ type: "error", error: { code: "invalid_json" } });
});

// Fails when the service accepts a frame over its 1 MiB limit or closes with another code.
test("a frame over 1 MiB closes the socket with 1009", async ({ users, connectWs }) => {
  const alice = await users.create();
  const ws = await connectWs({ token: alice.token });
  await expect(ws).toReceiveEvent({ type: "session_ready" });
  ws.sendRaw("x".repeat(1024 * 1024 + 1));
  expect((await ws.closed).code).toBe(1009);
});
