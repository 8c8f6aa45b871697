import type { Locator, Page } from "@playwright/test";
import type { SignInPage } from "./signInHeadless.ts";

/** The browser side of the page object: how to find the pieces of the sign-in and consent pages. */
export interface BrowserSignInPage extends SignInPage {
  /** The sign-in button; default: the submit button of the form holding the first field. */
  submit?: (page: Page) => Locator;
  /** The approving button; default: a button named allow, approve, authorize, accept or continue. */
  approveButton?: (page: Page) => Locator;
}

/**
 * Signs in in a real browser, as a person would: opens the authorization URL, fills the sign-in
 * form (values set inside the page, so no step title carries a credential into the report),
 * submits, calls `onConsent` on the consent page (to look at it), approves, and resolves the URL
 * the browser was sent back to under the redirect URI — which never loads: the route is answered
 * by the test itself, so the redirect URI needs no server.
 *
 * @example
 * const callback = await signInWithBrowser(page, { authorizationUrl, redirectUri, page: { fields } },
 *   async () => expect(page.getByRole("heading")).toHaveText("Allow access?"));
 */
export async function signInWithBrowser(
  page: Page,
  options: { authorizationUrl: string; redirectUri: string; page: BrowserSignInPage },
  onConsent: (page: Page) => Promise<void> = async () => undefined,
): Promise<string> {
  const redirect = new URL(options.redirectUri);
  let callback: string | undefined;
  await page.route(
    (url) => url.origin === redirect.origin && url.pathname === redirect.pathname,
    async (route) => {
      callback = route.request().url();
      await route.fulfill({
        status: 200,
        contentType: "text/html",
        body: "<title>Back at the client</title>",
      });
    },
  );
  await page.goto(options.authorizationUrl);
  const names = Object.keys(options.page.fields);
  for (const [name, value] of Object.entries(options.page.fields)) {
    await page.locator(`[name="${name}"]`).evaluate((input, text) => {
      (input as unknown as { value: string }).value = text;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }, value);
  }
  const submit =
    options.page.submit?.(page) ??
    page
      .locator(`form:has([name="${names[0]}"])`)
      .locator('button:not([type="button"]), input[type="submit"]')
      .first();
  await submit.click();
  const approve =
    options.page.approveButton?.(page) ??
    page.getByRole("button", { name: /allow|approve|authori[sz]e|accept|continue/i });
  await approve.first().waitFor();
  await onConsent(page);
  await approve.first().click();
  await page.waitForURL((url) => url.origin === redirect.origin && url.pathname === redirect.pathname);
  if (callback === undefined)
    throw new Error("[assay/oauth] sign-in: the browser reached the redirect URI but no request was seen");
  return callback;
}
