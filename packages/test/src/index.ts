/**
 * The one import for every Assay spec: Playwright's `test` with Assay's fixtures (`target`,
 * `users`, `connectWs`) and `expect` with Assay's matchers (`toMatchContract`, `toReceiveEvent`,
 * `toFollowRunGrammar`).
 *
 * @example
 * import { expect, test } from "@assay/test";
 *
 * test("health", async ({ request }) => {
 *   await expect(await request.get("/health")).toMatchContract("http/health.v1");
 * });
 */
import { toMatchContract } from "@assay/contracts";
import { fixturesTest } from "@assay/fixtures";
import { type WsMatchers, wsExpect, wsTest } from "@assay/ws";
import { expect as baseExpect, type Expect, mergeExpects, mergeTests } from "@playwright/test";

export const test = mergeTests(fixturesTest, wsTest).extend({
  wsURL: async ({ target }, use) => {
    await use(target.wsURL);
  },
});

/** The matchers Assay's `expect` adds to Playwright's. */
export type AssayMatchers = { toMatchContract: typeof toMatchContract } & WsMatchers;

export const expect: Expect<AssayMatchers> = mergeExpects(baseExpect.extend({ toMatchContract }), wsExpect);

export { annotate } from "@assay/contracts";
export type { Target, TestUser, Users } from "@assay/fixtures";
export { now, recordLatency } from "@assay/ws";
