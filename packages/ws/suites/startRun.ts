import type { TestUser } from "@assay/test";

/** Opens a conversation for `user` and posts `content`; returns the run id and when it was sent. */
export async function startRun(user: TestUser, content: string, clock: () => number) {
  const conversation = await (
    await user.api.post("/v1/conversations", { data: { title: "ws suite" } })
  ).json();
  const sentAt = clock();
  const response = await user.api.post(`/v1/conversations/${conversation.id}/messages`, {
    data: { content },
  });
  if (response.status() !== 202) throw new Error(`posting a message answered HTTP ${response.status()}`);
  const { run } = (await response.json()) as { run: { id: string } };
  return { runId: run.id, conversationId: conversation.id as string, sentAt };
}
