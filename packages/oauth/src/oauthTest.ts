import { readEnv, runTag } from "@assay/fixtures";
import { test } from "@assay/test";
import { createOauthSession, type OauthSession } from "./createOauthSession.ts";
import { createOauthTestSupport } from "./createOauthTestSupport.ts";
import { type OauthTarget, resolveOauthTarget } from "./resolveOauthTarget.ts";
import { type ServiceInstance, startServiceInstance } from "./startServiceInstance.ts";

/** An instance a test booted, with an OAuth session against it. */
export interface OauthInstance extends ServiceInstance {
  oauth: OauthSession;
}

/** Boots instances of the local service for one test; all stopped after it. */
export interface OauthInstances {
  start(env?: Record<string, string>): Promise<OauthInstance>;
}

type TestFixtures = { oauth: OauthSession; oauthInstances: OauthInstances };
type WorkerFixtures = { oauthTarget: OauthTarget };

/**
 * `@assay/test` with the OAuth fixtures: `oauth`, a session against the run's MCP endpoint
 * (`ASSAY_MCP_URL`, else the target's `/mcp`) that deletes the clients and users it made and
 * switches its faults off after the test; `oauthInstances`, instances of the local service a test
 * boots itself (to restart them, or to read their log). Every secret met goes to the run's
 * secret scan.
 *
 * @example
 * oauthTest("the whole flow", async ({ oauth }) => {
 *   const flow = await oauth.flow();
 *   expect(flow.mcp.serverName).toBeTruthy();
 * });
 */
export const oauthTest = test.extend<TestFixtures, WorkerFixtures>({
  oauthTarget: [
    async ({ target }, use) => {
      await use(resolveOauthTarget(readEnv(), target.baseURL));
    },
    { scope: "worker", box: true },
  ],
  oauth: async ({ oauthTarget, target, _recordToken }, use, testInfo) => {
    const support = createOauthTestSupport({
      baseURL: target.baseURL,
      adminToken: target.adminToken,
      onSecret: _recordToken,
    });
    const session = createOauthSession({
      target: oauthTarget,
      support,
      tag: runTag(target, testInfo.workerIndex, testInfo.testId),
      onSecret: _recordToken,
    });
    await use(session);
    await session.cleanup();
  },
  oauthInstances: async ({ target, _recordToken }, use, testInfo) => {
    const started: OauthInstance[] = [];
    await use({
      async start(env = {}) {
        const instance = await startServiceInstance(target, env);
        _recordToken(instance.adminToken);
        const support = createOauthTestSupport({
          baseURL: instance.baseURL,
          adminToken: instance.adminToken,
          onSecret: _recordToken,
        });
        const oauth = createOauthSession({
          // Local instances: dynamic registration and test users, whatever the run's variables say.
          target: resolveOauthTarget({}, instance.baseURL),
          support,
          tag: runTag(target, testInfo.workerIndex, testInfo.testId),
          onSecret: _recordToken,
        });
        const withSession = Object.assign(instance, { oauth });
        started.push(withSession);
        return withSession;
      },
    });
    const errors: string[] = [];
    for (const instance of started.reverse()) {
      try {
        await instance.oauth.cleanup().catch((error: Error) => errors.push(error.message));
        await instance.stop();
      } catch (error) {
        errors.push((error as Error).message);
      }
    }
    if (errors.length > 0) throw new Error(`[assay/oauth] instance teardown: ${errors.join("; ")}`);
  },
});

export { expect } from "@assay/test";
