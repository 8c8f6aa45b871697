import { expect, test } from "@assay/test";
import { ConsolePage } from "../src/ConsolePage.ts";

test("a user signs in, sends a message and watches the run's events arrive live", async ({ page, users }) => {
  const alice = await users.create({ displayName: "Alice Browser" });
  const console = new ConsolePage(page);
  await console.signIn(alice.token);
  await console.expectSignedIn();
  await expect(page.getByTestId("signed-in-as")).toContainText("Alice Browser");

  await console.createConversation("Browser golden path");
  await console.send("#tool:echo #tool:clock hello from the browser");
  await console.expectRunStatus("completed");
  expect(await console.eventTypes()).toEqual([
    "agent_started",
    "agent_thinking",
    "tool_executing",
    "tool_completed",
    "tool_executing",
    "tool_completed",
    "agent_thinking",
    "agent_completed",
  ]);
  const seqs = await console.events.evaluateAll((items) =>
    items.map((i) => Number(i.getAttribute("data-seq"))),
  );
  expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  await expect(console.reply).toContainText("hello from the browser");
});

test("a run that fails upstream is shown as failed, not left spinning", async ({ page, users }) => {
  const alice = await users.create();
  const console = new ConsolePage(page);
  await console.signIn(alice.token);
  await console.expectSignedIn();
  await console.createConversation("Upstream down");
  await console.send("#upstream:error");
  await console.expectRunStatus("failed");
  expect((await console.eventTypes()).at(-1)).toBe("agent_error");
});

test("a bad token is refused with a visible error and no session", async ({ page }) => {
  const console = new ConsolePage(page);
  await console.signIn("not-a-token");
  await expect(console.errorBanner).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toBeHidden();
});
