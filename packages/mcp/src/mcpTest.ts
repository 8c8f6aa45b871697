import { fixturesTest, type TestUser } from "@assay/fixtures";
import { type Expect, expect } from "@playwright/test";
import { createMcpClient, type McpClient, type McpClientOptions } from "./client/createMcpClient.ts";
import { closeMcpClients, type OpenedClient } from "./closeMcpClients.ts";
import { readMcpEnv } from "./env.ts";
import { toBeToolResult } from "./matchers/toBeToolResult.ts";
import { toFitTokenBudget } from "./matchers/toFitTokenBudget.ts";
import { toMatchOutputSchema } from "./matchers/toMatchOutputSchema.ts";
import type { McpEra } from "./protocol/revisions.ts";

/** Options of `mcp.connect()`; every client option but the URL and token can be given. */
export type ConnectMcpOptions = Omit<McpClientOptions, "url" | "token" | "era"> & {
  /** Connect as this user; default: a fresh test user (or `ASSAY_MCP_TOKEN` with `ASSAY_MCP_URL`). */
  user?: TestUser;
  /** Connect with this bearer token instead of a user's; `null` sends none. */
  token?: string | null;
  era?: McpEra | "auto";
  /**
   * `fail` (default): the test fails after its body if any exchange of this client has a
   * problem. `record`: problems stay on the exchanges for the test to judge (protocol checks
   * that provoke them, the tool matrix that reports them).
   */
  problems?: "fail" | "record";
};

/** The `mcp` fixture. */
export type McpConnector = {
  /** The MCP endpoint the fixture connects to. */
  readonly url: string;
  connect(options?: ConnectMcpOptions): Promise<McpClient>;
};

type McpFixtures = { mcp: McpConnector };

/**
 * Playwright test with the `mcp` fixture: `mcp.connect()` opens an MCP client as a fresh test
 * user (made through the target's test-support API by the `users` fixture) at
 * `<target base URL>/mcp`, or at `ASSAY_MCP_URL` with `ASSAY_MCP_TOKEN`. Every client is closed
 * after the test (DELETE of its session), and the test fails if a client recorded problems,
 * unless it was opened with `problems: "record"`.
 *
 * @example
 * mcpTest("lists tools", async ({ mcp }) => {
 *   const client = await mcp.connect({ era: "session" });
 *   expect((await client.listTools()).length).toBeGreaterThan(0);
 * });
 */
export const mcpTest = fixturesTest.extend<McpFixtures>({
  mcp: async ({ target, users }, use) => {
    const env = readMcpEnv();
    const url = env.url ?? new URL("/mcp", target.baseURL).toString();
    const opened: OpenedClient[] = [];
    await use({
      url,
      async connect(options = {}) {
        const { user, token, problems = "fail", ...clientOptions } = options;
        let bearer: string | undefined;
        if (token !== undefined) bearer = token ?? undefined;
        else if (user !== undefined) bearer = user.token;
        else if (env.url !== undefined) bearer = env.token;
        else bearer = (await users.create()).token;
        const client = await createMcpClient({ ...clientOptions, url, token: bearer });
        opened.push({ client, judge: problems === "fail" });
        return client;
      },
    });
    await closeMcpClients(opened);
  },
});

/**
 * `expect` with the MCP matchers `toBeToolResult`, `toMatchOutputSchema` and `toFitTokenBudget`.
 *
 * @example
 * mcpExpect(await client.callTool("health", {})).toBeToolResult({ isError: false });
 * await mcpExpect(await client.listTools()).toFitTokenBudget(4000);
 */
export const mcpExpect: Expect<McpMatchers> = expect.extend({
  toBeToolResult,
  toMatchOutputSchema,
  toFitTokenBudget,
});

/** The matchers `mcpExpect` adds, for typing an `expect` merged from it. */
export type McpMatchers = {
  toBeToolResult: typeof toBeToolResult;
  toMatchOutputSchema: typeof toMatchOutputSchema;
  toFitTokenBudget: typeof toFitTokenBudget;
};
