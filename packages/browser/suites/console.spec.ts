import { expect, test } from "@assay/test";
import { ConsolePage } from "../src/index.ts";

// Fails when the console shows events late, out of order, or not at all.
test("a user signs in, sends a message and watches the run's events arrive live", async ({ page, users }) => {
  const alice = await users.create({ displayName: "Alice Browser" });
  const consolePage = new ConsolePage(page);
  await consolePage.signIn(alice.token);
  await consolePage.expectSignedIn();
  await expect(page.getByTestId("signed-in-as")).toContainText("Alice Browser");

  await consolePage.createConversation("Browser golden path");
  await consolePage.send("#tool:echo #tool:clock hello from the browser");
  await consolePage.expectRunStatus("completed");
  expect(await consolePage.eventTypes()).toEqual([
    "agent_started",
    "agent_thinking",
    "tool_executing",
    "tool_completed",
    "tool_executing",
    "tool_completed",
    "agent_thinking",
    "agent_completed",
  ]);
  const seqs = await consolePage.events.evaluateAll((items) =>
    items.map((i) => Number(i.getAttribute("data-seq"))),
  );
  expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  await expect(consolePage.reply).toContainText("hello from the browser");
});

// Fails when a failed run is left spinning in the console.
test("a run that fails upstream is shown as failed, not left spinning", async ({ page, users }) => {
  const alice = await users.create();
  const consolePage = new ConsolePage(page);
  await consolePage.signIn(alice.token);
  await consolePage.expectSignedIn();
  await consolePage.createConversation("Upstream down");
  await consolePage.send("#upstream:error");
  await consolePage.expectRunStatus("failed");
  expect((await consolePage.eventTypes()).at(-1)).toBe("agent_error");
});

// Fails when the console signs in with a bad token, or refuses it silently.
test("a bad token is refused with a visible error and no session", async ({ page }) => {
  const consolePage = new ConsolePage(page);
  await consolePage.signIn("not-a-token");
  await expect(consolePage.errorBanner).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toBeHidden();
});
