import { randomBytes } from "node:crypto";
import type { WsClient } from "@assay/ws";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { annotate } from "./annotate.ts";
import { findLeaks, type Leak, type Observation, routeOf } from "./findLeaks.ts";

/** The annotation a found leak adds; the release gate counts them (`leaks_max`). */
export const LEAK_ANNOTATION = "assay:leak";

export interface LeakOracleOptions {
  /** Goes into every canary, so a canary found anywhere names its run. Default `run`. */
  runId?: string;
  /**
   * Add an `assay:leak` annotation per leak found (default true). A test that switches a leak
   * on deliberately passes false, so the gate does not count the leak it provoked.
   */
  annotate?: boolean;
}

/** Records what each user receives and finds canaries that reached the wrong user. */
export interface LeakOracle {
  /** A new canary owned by `user`: `canary-<run>-<oracle>-u<k>-<n>-<secret>`; unguessable. */
  canary(user: string): string;
  /** The same client, recording every response body `user` receives through it. */
  watchApi(user: string, api: APIRequestContext): APIRequestContext;
  /** Records every frame `user`'s socket received (read when checking, so none is missed). */
  watchWs(user: string, client: WsClient): WsClient;
  /** Records something else `user` received. */
  record(user: string, where: string, text: string): void;
  /** Bodies and frames seen so far. */
  observed(): number;
  leaks(): Leak[];
  /** Throws, naming each receiver, route or event type and canary owner, when any leak was found. */
  assertNoLeaks(): void;
}

const METHODS = new Set(["get", "post", "put", "patch", "delete", "head", "fetch"]);

/**
 * Creates a canary leak oracle for one test.
 *
 * @example
 * const oracle = createLeakOracle({ runId: target.runId });
 * const api = oracle.watchApi("alice", alice.api);
 * await api.post("/v1/projects", { data: { name: oracle.canary("alice") } });
 * oracle.watchWs("bob", await connectWs({ token: bob.token }));
 * oracle.assertNoLeaks();
 */
export function createLeakOracle(options: LeakOracleOptions = {}): LeakOracle {
  const run = (options.runId ?? "run").replace(/[^A-Za-z0-9]/g, "").slice(-24) || "run";
  const prefix = `canary-${run}-${randomBytes(3).toString("hex")}`;
  const pattern = new RegExp(`${prefix}-u\\d+-\\d+-[0-9a-f]{12}`, "g");
  const owners = new Map<string, string>();
  const users = new Map<string, number>();
  const counters = new Map<string, number>();
  const bodies: Observation[] = [];
  const sockets: Array<{ user: string; client: WsClient }> = [];

  const frames = function* (): Generator<Observation> {
    yield* bodies;
    for (const { user, client } of sockets) {
      for (const frame of client.frames) {
        const data = frame.data as { type?: unknown } | null;
        const type = typeof data === "object" && data !== null ? String(data.type) : "text";
        const text = typeof frame.data === "string" ? frame.data : JSON.stringify(frame.data);
        yield { receiver: user, where: `WS ${type}`, text };
      }
    }
  };

  const oracle: LeakOracle = {
    canary(user) {
      if (!users.has(user)) users.set(user, users.size + 1);
      const n = (counters.get(user) ?? 0) + 1;
      counters.set(user, n);
      const canary = `${prefix}-u${users.get(user)}-${n}-${randomBytes(6).toString("hex")}`;
      owners.set(canary, user);
      return canary;
    },
    watchApi(user, api) {
      return new Proxy(api, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver);
          if (typeof property !== "string" || !METHODS.has(property) || typeof value !== "function")
            return value;
          return async (url: string, init?: { method?: string }) => {
            const response = (await value.call(target, url, init)) as APIResponse;
            const method = property === "fetch" ? (init?.method ?? "GET") : property;
            const text = await response.text().catch(() => "");
            oracle.record(user, routeOf(method, response.url()), text);
            return response;
          };
        },
      });
    },
    watchWs(user, client) {
      sockets.push({ user, client });
      return client;
    },
    record(user, where, text) {
      bodies.push({ receiver: user, where, text });
    },
    observed() {
      return bodies.length + sockets.reduce((sum, { client }) => sum + client.frames.length, 0);
    },
    leaks() {
      return findLeaks(frames(), owners, pattern);
    },
    assertNoLeaks() {
      const leaks = oracle.leaks();
      if (leaks.length === 0) return;
      const lines = leaks.map((l) => `${l.receiver} received ${l.owner}'s canary in ${l.where}`);
      if (options.annotate !== false) for (const line of lines) annotate(LEAK_ANNOTATION, line);
      throw new Error(
        `[assay/isolation] Leak oracle: ${leaks.length} leak(s) in ${oracle.observed()} bodies and frames:\n` +
          lines.map((line) => `  ${line}`).join("\n"),
      );
    },
  };
  return oracle;
}
