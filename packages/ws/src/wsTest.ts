import { test as base, type Expect, expect } from "@playwright/test";
import { createWsClient, type WsClient, type WsClientOptions } from "./createWsClient.ts";
import { recordDelivery } from "./recordLatency.ts";
import { toFollowRunGrammar } from "./toFollowRunGrammar.ts";
import { toReceiveEvent } from "./toReceiveEvent.ts";

/** Options of the `connectWs` fixture: the client options, with `url` defaulting to `wsURL`. */
export type ConnectWsOptions = Omit<WsClientOptions, "url"> & { url?: string };

/** @example const fixtures: WsFixtures = { wsURL: undefined, connectWs }; */
export type WsFixtures = {
  /** WebSocket URL used by `connectWs` when no `url` is given (like `baseURL` for HTTP). */
  wsURL: string | undefined;
  /**
   * Opens an authenticated, recording client. After the test, the delivery latency of every run
   * event the clients received is recorded (`assay:latency`, step `event_delivery`) and every
   * client is closed.
   */
  connectWs: (options: ConnectWsOptions) => Promise<WsClient>;
};

/**
 * Playwright test with the `connectWs` factory fixture and the `wsURL` option.
 *
 * @example
 * // playwright.config.ts: use: { wsURL: "ws://127.0.0.1:4310/v1/ws" }
 * wsTest("streams a run", async ({ connectWs }) => {
 *   const client = await connectWs({ token });
 *   await client.sessionReady;
 * });
 */
export const wsTest = base.extend<WsFixtures>({
  wsURL: [undefined, { option: true }],
  connectWs: async ({ wsURL }, use) => {
    const clients: WsClient[] = [];
    await use(async (options) => {
      const url = options.url ?? wsURL;
      if (!url) {
        throw new Error(
          '[assay/ws] No WebSocket URL: set the wsURL option (use: { wsURL: "ws://…/v1/ws" } in playwright.config.ts) or pass connectWs({ url, token }).',
        );
      }
      const client = await createWsClient({ ...options, url });
      clients.push(client);
      return client;
    });
    // Before closing: the clock offset is measured on a socket that is still open.
    await recordDelivery(clients);
    const errors: unknown[] = [];
    for (const client of clients.reverse()) {
      try {
        await client.close();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1)
      throw new AggregateError(errors, `[assay/ws] ${errors.length} WebSocket clients failed to close.`);
  },
});

/**
 * `expect` with the WebSocket event matchers `toReceiveEvent` and `toFollowRunGrammar`.
 *
 * @example
 * await wsExpect(client).toReceiveEvent({ type: "agent_started", run_id: runId });
 * await wsExpect(client).toFollowRunGrammar(runId, { tools: 2 });
 */
/** The matchers `wsExpect` adds, for typing an `expect` merged from it. */
export type WsMatchers = {
  toReceiveEvent: typeof toReceiveEvent;
  toFollowRunGrammar: typeof toFollowRunGrammar;
};

export const wsExpect: Expect<WsMatchers> = expect.extend({ toReceiveEvent, toFollowRunGrammar });
