import { randomBytes } from "node:crypto";
import { annotate } from "@assay/contracts";
import type { WsClient } from "@assay/ws";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import {
  describeLeak,
  findCanaryLeaks,
  findForeignIds,
  idsIn,
  type Leak,
  type Observation,
  routeOf,
} from "./findLeaks.ts";

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

/** What one check of the oracle looked at and found. */
export interface OracleReport {
  /** HTTP bodies and WebSocket frames judged. */
  bodies: number;
  frames: number;
  /** Resource ids found in them, each judged for its owner. */
  ids: number;
  leaks: Leak[];
  /** What kept the oracle from judging something (an unreadable body, nothing observed). */
  problems: string[];
}

/**
 * Records what each user receives and judges all of it: no canary of another user, and no id
 * that is not the receiver's own. A user owns the ids given to it with `own`, the ids in the
 * answers to its own successful POSTs (what it created), the ids of its socket's
 * `session_ready`, and the ids inside events of its own runs.
 */
export interface LeakOracle {
  /** A new canary owned by `user`: `canary-<run>-<oracle>-u<k>-<n>-<secret>`; unguessable. */
  canary(user: string): string;
  /** Gives `ids` to `user`: the ids the fixtures created for it (its user id, say). */
  own(user: string, ...ids: string[]): void;
  /** The same client, recording every response body `user` receives through it (once, however often watched). */
  watchApi(user: string, api: APIRequestContext): APIRequestContext;
  /** Judges every frame `user`'s socket received, read when checking, so none is missed. */
  watchWs(user: string, client: WsClient): WsClient;
  /**
   * Records something else `user` received; `created` marks the answer to a call that made
   * something for `user` (its ids become the user's, like the answer to a successful POST).
   */
  record(user: string, where: string, text: string, created?: boolean): void;
  /** Judges everything recorded so far. */
  check(): OracleReport;
  /**
   * {@link check}, throwing one error naming each leak (receiver, owner, route or event type)
   * and each problem; an oracle that saw nothing fails too. Returns the report when all is well.
   */
  assertNoLeaks(): OracleReport;
}

const METHODS = new Set(["get", "post", "put", "patch", "delete", "head", "fetch"]);

/**
 * Creates a leak oracle for one test.
 *
 * @example
 * const oracle = createLeakOracle({ runId: target.runId });
 * oracle.own("alice", alice.id);
 * const api = oracle.watchApi("alice", alice.api);
 * await api.post("/v1/projects", { data: { name: oracle.canary("alice") } });
 * oracle.watchWs("bob", await connectWs({ token: bob.token }));
 * oracle.assertNoLeaks();
 */
export function createLeakOracle(options: LeakOracleOptions = {}): LeakOracle {
  const run = (options.runId ?? "run").replace(/[^A-Za-z0-9]/g, "").slice(-24) || "run";
  const prefix = `canary-${run}-${randomBytes(3).toString("hex")}`;
  const pattern = new RegExp(`${prefix}-u\\d+-\\d+-[0-9a-f]{12}`, "g");
  const canaries = new Map<string, string>();
  const users = new Map<string, number>();
  const counters = new Map<string, number>();
  const given = new Map<string, string>();
  const bodies: Array<Observation & { created: boolean }> = [];
  const sockets: Array<{ user: string; client: WsClient }> = [];
  // A client is watched once, whether it is passed again or its watched copy is.
  const watched = new WeakSet<object>();
  const proxies = new WeakMap<object, APIRequestContext>();
  const problems: string[] = [];

  const observe = async (user: string, method: string, response: APIResponse) => {
    const where = routeOf(method, response.url());
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      problems.push(
        `${user}: ${where}: the body could not be read (${(error as Error).message.split("\n")[0]}), so it was not judged`,
      );
      return;
    }
    const created = method.toUpperCase() === "POST" && response.status() >= 200 && response.status() < 300;
    bodies.push({ receiver: user, where, value: parse(text), created });
  };

  const oracle: LeakOracle = {
    canary(user) {
      if (!users.has(user)) users.set(user, users.size + 1);
      const n = (counters.get(user) ?? 0) + 1;
      counters.set(user, n);
      const canary = `${prefix}-u${users.get(user)}-${n}-${randomBytes(6).toString("hex")}`;
      canaries.set(canary, user);
      return canary;
    },
    own(user, ...ids) {
      for (const id of ids) given.set(id.toLowerCase(), user);
    },
    watchApi(user, api) {
      if (watched.has(api)) return api;
      const existing = proxies.get(api);
      if (existing) return existing;
      const proxy = new Proxy(api, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver);
          if (typeof property !== "string" || !METHODS.has(property) || typeof value !== "function")
            return value;
          return async (url: string, init?: { method?: string }) => {
            const response = (await value.call(target, url, init)) as APIResponse;
            await observe(user, property === "fetch" ? (init?.method ?? "GET") : property, response);
            return response;
          };
        },
      });
      watched.add(proxy);
      proxies.set(api, proxy);
      return proxy;
    },
    watchWs(user, client) {
      if (!sockets.some((s) => s.client === client)) sockets.push({ user, client });
      return client;
    },
    record(user, where, text, created = false) {
      bodies.push({ receiver: user, where, value: parse(text), created });
    },
    check() {
      const frames: Observation[] = sockets.flatMap(({ user, client }) =>
        client.frames.map((frame) => ({
          receiver: user,
          where: `WS ${typeOf(frame.data)}`,
          value: frame.data,
        })),
      );
      const owners = ownersOf(given, bodies, frames);
      const observations = [...bodies, ...frames];
      const { leaks, judged } = findForeignIds(observations, owners);
      return {
        bodies: bodies.length,
        frames: frames.length,
        ids: judged,
        leaks: [...findCanaryLeaks(observations, canaries, pattern), ...leaks],
        problems: [...problems],
      };
    },
    assertNoLeaks() {
      const report = oracle.check();
      const seen = `${report.bodies} bodies and ${report.frames} frames (${report.ids} ids)`;
      annotate("assay:oracle", `${seen} judged, ${report.leaks.length} leaks`);
      if (report.bodies + report.frames === 0)
        report.problems.push(
          "the oracle saw no body and no frame, so it judged nothing: watch the users' clients with watchApi and watchWs",
        );
      const lines = report.leaks.map(describeLeak);
      if (options.annotate !== false) for (const line of lines) annotate(LEAK_ANNOTATION, line);
      if (lines.length + report.problems.length === 0) return report;
      throw new Error(
        `[assay/isolation] Leak oracle: ${report.leaks.length} leak(s), ${report.problems.length} problem(s) in ${seen}:\n` +
          [...lines, ...report.problems].map((line) => `  ${line}`).join("\n"),
      );
    },
  };
  return oracle;
}

/**
 * Who owns which id, from the sources the service cannot forge for another user, strongest
 * first: what the fixtures gave, the socket's own `session_ready`, the answers to the user's
 * successful POSTs, then the new ids inside events of a run the user owns (the assistant's
 * message). The first owner of an id keeps it, so a foreign id in a later answer is judged a leak.
 */
function ownersOf(
  given: ReadonlyMap<string, string>,
  bodies: ReadonlyArray<Observation & { created: boolean }>,
  frames: readonly Observation[],
): Map<string, string> {
  const owners = new Map(given);
  const claim = (user: string, value: unknown) => {
    for (const { id } of idsIn(value)) if (!owners.has(id)) owners.set(id, user);
  };
  for (const frame of frames) if (typeOf(frame.value) === "session_ready") claim(frame.receiver, frame.value);
  for (const body of bodies) if (body.created) claim(body.receiver, body.value);
  for (const frame of frames) {
    const runId = (frame.value as { run_id?: unknown } | null)?.run_id;
    if (typeof runId === "string" && owners.get(runId.toLowerCase()) === frame.receiver)
      claim(frame.receiver, frame.value);
  }
  return owners;
}

function typeOf(data: unknown): string {
  return typeof data === "object" && data !== null ? String((data as { type?: unknown }).type) : "text";
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
