import { expect, type Locator, type Page } from "@playwright/test";

/**
 * The web console, driven the way a person uses it: sign in with a token, open a conversation,
 * send a message, watch the run's events arrive.
 *
 * @example
 * const consolePage = new ConsolePage(page);
 * await consolePage.signIn(alice.token);
 * await consolePage.createConversation("Trip plan");
 * await consolePage.send("#tool:clock what time is it");
 * await consolePage.expectRunStatus("completed");
 */
export class ConsolePage {
  readonly page: Page;
  readonly events: Locator;
  readonly runStatus: Locator;
  readonly reply: Locator;
  readonly errorBanner: Locator;

  constructor(page: Page) {
    this.page = page;
    this.events = page.getByTestId("event-item");
    this.runStatus = page.getByTestId("run-status");
    this.reply = page.getByTestId("assistant-reply");
    this.errorBanner = page.getByTestId("error-banner");
  }

  /**
   * Puts the token in the sign-in field and signs in. The value is set inside the page rather than
   * with `fill()`, whose step title would carry the token into the HTML report.
   */
  async signIn(token: string): Promise<void> {
    await this.page.goto("/console/");
    await this.page.getByTestId("token-input").evaluate((input, value) => {
      (input as unknown as { value: string }).value = value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }, token);
    await this.page.getByTestId("sign-in").click();
  }

  async expectSignedIn(): Promise<void> {
    await expect(this.page.getByTestId("signed-in-as")).toBeVisible();
    await expect(this.page.getByTestId("ws-status")).toHaveText("connected");
  }

  async createConversation(title: string): Promise<void> {
    await this.page.getByTestId("new-conversation-title").fill(title);
    await this.page.getByTestId("create-conversation").click();
    await expect(this.page.getByTestId("conversation-item").filter({ hasText: title })).toBeVisible();
  }

  async send(message: string): Promise<void> {
    await this.page.getByTestId("message-input").fill(message);
    await this.page.getByTestId("send-message").click();
  }

  async expectRunStatus(status: "running" | "completed" | "failed"): Promise<void> {
    await expect(this.runStatus).toHaveText(status, { timeout: 10_000 });
  }

  /** The event types shown, in the order the page lists them. */
  async eventTypes(): Promise<string[]> {
    return this.events.evaluateAll((items) => items.map((item) => item.getAttribute("data-type") ?? ""));
  }
}
