import {
  createFaults,
  createTestSupport,
  createUsers,
  type Faults,
  fixturesTest,
  runTag,
  type Users,
} from "@assay/fixtures";
import type { APIRequestContext } from "@playwright/test";
import { type ChaosStack, startChaosStack } from "./startChaosStack.ts";

type ChaosTestFixtures = {
  /** This worker's private stack, healed (faults off, healthy) after each test. */
  stack: ChaosStack;
  /** Users on the stack (not on the run's target), deleted after the test. */
  stackUsers: Users;
  /** Service faults on the stack, switched off after the test. */
  stackFaults: Faults;
  /** An admin client for the stack's test-support API. */
  stackAdmin: APIRequestContext;
};
type ChaosWorkerFixtures = {
  /** Extra variables for the stack's service (a project's `use: { stackEnv }`), e.g. `ASSAY_TLS_PORT`. */
  stackEnv: Record<string, string>;
  _chaosStack: ChaosStack;
};

/**
 * The run's fixtures plus a private agent-api stack per worker (see {@link startChaosStack}):
 * its database and upstream sit behind fault proxies the test switches (`stack.db.cut()`,
 * `stack.llm.add({ type: "blackhole" })`). Local targets only: staging has no proxy to insert.
 * @example
 * chaosTest("health says unhealthy during a cut", async ({ stack }) => {
 *   stack.db.cut();
 *   await expect.poll(async () => (await fetch(`${stack.baseURL}/health`)).status).toBe(503);
 * });
 */
export const chaosTest = fixturesTest.extend<ChaosTestFixtures, ChaosWorkerFixtures>({
  stackEnv: [{}, { scope: "worker", option: true }],
  _chaosStack: [
    async ({ target, stackEnv }, use) => {
      if (target.kind !== "local")
        throw new Error(
          "[assay/chaos] The chaos stack needs ASSAY_TARGET=local: a fault proxy cannot be put in front of a staging service's dependencies.",
        );
      const stack = await startChaosStack({
        databaseUrl: target.databaseUrl,
        env: {
          ASSAY_BREAKER_FAILURES: "3",
          ASSAY_BREAKER_OPEN_MS: "1500",
          ASSAY_MEMORY_RETRY_MS: "100",
          ...stackEnv,
        },
      });
      await use(stack);
      await stack.stop();
    },
    { scope: "worker", timeout: 120_000, box: true },
  ],
  stack: async ({ _chaosStack }, use) => {
    await use(_chaosStack);
    await _chaosStack.heal();
  },
  stackAdmin: async ({ playwright, stack }, use) => {
    const admin = await playwright.request.newContext({
      // With HTTPS on, plain HTTP may redirect there (dropping the Authorization header on the
      // way): talk HTTPS directly, trusting the stack's own self-signed certificate.
      baseURL: stack.tlsURL ?? stack.baseURL,
      ignoreHTTPSErrors: true,
      extraHTTPHeaders: { Authorization: `Bearer ${stack.adminToken}` },
    });
    await use(admin);
    await admin.dispose();
  },
  stackUsers: async ({ stack, stackAdmin, playwright, target, _recordToken }, use, testInfo) => {
    const tag = runTag(target, testInfo.workerIndex, testInfo.testId);
    const users = createUsers({
      admin: stackAdmin,
      playwright,
      target: { ...target, baseURL: stack.baseURL, wsURL: stack.wsURL },
      tag,
      onToken: _recordToken,
    });
    await use(users);
    // The database may still be cut when the test failed half-way: heal before deleting.
    await stack.heal();
    await users.cleanup();
  },
  stackFaults: async ({ stack, stackAdmin, stackUsers: _users, _recordToken }, use) => {
    const faults = createFaults(createTestSupport(stackAdmin, _recordToken));
    await use(faults);
    await stack.heal();
    await faults.cleanup();
  },
});
