import { expect, test } from "@assay/test";

// Each test here fails on a body outside its contract or a wrong order, owner or state.
test("GET /v1/me answers the user contract for the token's user", async ({ users }) => {
  const alice = await users.create({ displayName: "Alice" });
  const response = await alice.api.get("/v1/me");
  await expect(response).toMatchContract("http/user.v1");
  expect(await response.json()).toMatchObject({ id: alice.id, display_name: "Alice" });
});

test("conversations: create, read, list newest first, delete", async ({ users }) => {
  const alice = await users.create();
  const first = await alice.api.post("/v1/conversations", { data: { title: "first" } });
  expect(first.status()).toBe(201);
  await expect(first).toMatchContract("http/conversation.v1");
  const second = await (await alice.api.post("/v1/conversations", { data: { title: "second" } })).json();

  const one = await alice.api.get(`/v1/conversations/${second.id}`);
  await expect(one).toMatchContract("http/conversation.v1");

  const list = await alice.api.get("/v1/conversations");
  await expect(list).toMatchContract("http/conversation-list.v1");
  expect((await list.json()).items.map((c: { title: string }) => c.title)).toEqual(["second", "first"]);

  expect((await alice.api.delete(`/v1/conversations/${second.id}`)).status()).toBe(204);
  expect((await alice.api.get(`/v1/conversations/${second.id}`)).status()).toBe(404);
});

test("a message starts a run whose messages, state and events answer their contracts", async ({ users }) => {
  const alice = await users.create();
  const conversation = await (await alice.api.post("/v1/conversations", { data: { title: "run" } })).json();
  const accepted = await alice.api.post(`/v1/conversations/${conversation.id}/messages`, {
    data: { content: "#tool:word_count count these four words" },
  });
  expect(accepted.status()).toBe(202);
  await expect(accepted).toMatchContract("http/message-accepted.v1");
  const { message, run } = (await accepted.json()) as { message: unknown; run: { id: string } };
  await expect(message).toMatchContract("http/message.v1");

  await expect
    .poll(async () => (await (await alice.api.get(`/v1/runs/${run.id}`)).json()).status, { timeout: 10_000 })
    .toBe("completed");
  await expect(await alice.api.get(`/v1/runs/${run.id}`)).toMatchContract("http/run.v1");

  const events = await alice.api.get(`/v1/runs/${run.id}/events`);
  await expect(events).toMatchContract("http/run-event-list.v1");
  const types = (await events.json()).items.map((e: { type: string }) => e.type);
  expect(types).toEqual([
    "agent_started",
    "agent_thinking",
    "tool_executing",
    "tool_completed",
    "agent_thinking",
    "agent_completed",
  ]);

  const messages = await alice.api.get(`/v1/conversations/${conversation.id}/messages`);
  await expect(messages).toMatchContract("http/message-list.v1");
  const items = (await messages.json()).items as { role: string }[];
  expect(items.map((m) => m.role)).toEqual(["user", "assistant"]);
  for (const item of items) await expect(item).toMatchContract("http/message.v1");
});

// Fails when a deleted test user's token still works, or the user can be deleted twice.
test("the test-support API creates a user with a working token and deletes it with everything it owns", async ({
  request,
  target,
}) => {
  const admin = { authorization: `Bearer ${target.adminToken}` };
  const created = await request.post("/v1/test-support/users", {
    headers: admin,
    data: { tag: `${target.runId}:support` },
  });
  expect(created.status()).toBe(201);
  await expect(created).toMatchContract("http/test-user.v1");
  const { user, token } = await created.json();
  const asUser = { authorization: `Bearer ${token}` };
  const conversation = await request.post("/v1/conversations", { headers: asUser, data: { title: "owned" } });
  expect(conversation.status()).toBe(201);

  expect((await request.delete(`/v1/test-support/users/${user.id}`, { headers: admin })).status()).toBe(204);
  expect((await request.get("/v1/me", { headers: asUser })).status()).toBe(401);
  expect((await request.delete(`/v1/test-support/users/${user.id}`, { headers: admin })).status()).toBe(404);
});

// Fails when the test-support API answers without the admin token it requires.
test("the test-support API refuses a wrong admin token", async ({ request }) => {
  const response = await request.post("/v1/test-support/users", {
    headers: { authorization: `Bearer ${"0".repeat(64)}` },
    data: {},
  });
  expect(response.status()).toBe(401);
  await expect(response).toMatchContract("http/error.v1");
});
