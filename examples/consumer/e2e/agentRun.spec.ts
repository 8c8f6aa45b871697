// One agent run, checked three ways: the HTTP answer against its contract, the event stream
// against the run grammar, and a second user who must see none of it.
import { createLeakOracle } from "@assay/isolation";
import { expect, test } from "@assay/test";

test("a run follows its contract and grammar, and another user sees none of it", async ({
  users,
  connectWs,
  target,
}) => {
  const oracle = createLeakOracle({ runId: target.runId });
  const alice = await users.create();
  const bob = await users.create();
  oracle.own("alice", alice.id);
  oracle.own("bob", bob.id);
  const aliceApi = oracle.watchApi("alice", alice.api);
  const bobApi = oracle.watchApi("bob", bob.api);
  const aliceWs = oracle.watchWs("alice", await connectWs({ token: alice.token }));
  oracle.watchWs("bob", await connectWs({ token: bob.token }));

  const created = await aliceApi.post("/v1/conversations", { data: { title: oracle.canary("alice") } });
  await expect(created).toMatchContract("http/conversation.v1");
  const conversation = await created.json();
  const accepted = await aliceApi.post(`/v1/conversations/${conversation.id}/messages`, {
    data: { content: `#tool:echo ${oracle.canary("alice")}` },
  });
  await expect(accepted).toMatchContract("http/message-accepted.v1");
  const { run } = await accepted.json();
  await expect(aliceWs).toFollowRunGrammar(run.id, { tools: 1 });

  const peek = await bobApi.get(`/v1/conversations/${conversation.id}/messages`);
  expect(peek.status()).toBe(404);
  await expect(peek).toMatchContract("http/error.v1");
  oracle.assertNoLeaks();
});
