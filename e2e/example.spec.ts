// Your own specs go in this folder (the `e2e` Playwright project); this one is the README's
// "Writing a spec" example. Run it alone: pnpm test:e2e --project=e2e e2e/example.spec.ts
import { expect, test } from "@assay/test";

test("a run with two tools follows the grammar", async ({ users, connectWs }) => {
  const alice = await users.create();
  const ws = await connectWs({ token: alice.token });
  const conversation = await (await alice.api.post("/v1/conversations", { data: { title: "t" } })).json();
  const accepted = await alice.api.post(`/v1/conversations/${conversation.id}/messages`, {
    data: { content: "#tool:echo #tool:clock hello" },
  });
  await expect(accepted).toMatchContract("http/message-accepted.v1");
  const { run } = await accepted.json();
  await expect(ws).toFollowRunGrammar(run.id, { tools: 2 });
});
