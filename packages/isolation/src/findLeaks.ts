/** One body or frame a user received, as the leak oracle saw it. */
export interface Observation {
  /** Who received it (the oracle's label for the user). */
  receiver: string;
  /** `GET /v1/projects/:id` for an HTTP body, `WS tool_executing` for a frame. */
  where: string;
  /** The parsed JSON, or the text when it is not JSON. */
  value: unknown;
}

/** Something that reached a user it does not belong to. */
export interface Leak {
  receiver: string;
  where: string;
  /** Whose it was; undefined for an id the oracle knows no owner of. */
  owner: string | undefined;
  /** A canary's text, or an id that belongs to someone else. */
  kind: "canary" | "id";
  value: string;
  /** Where in the body or frame the id was: `run_id`, `items[2].project_id`. */
  path?: string;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// A request's own trace id, fresh per request or socket: it names no resource anyone owns.
const NOT_AN_ID = new Set(["correlation_id"]);

/**
 * Every resource id (UUID) in a received value, with where it sits: strings anywhere in parsed
 * JSON (`items[0].id`, `run_id`), or anywhere in a text that is not JSON (`(text)`). Correlation
 * ids are left out: they name a request, not something a user owns. Ids are lower-cased.
 *
 * @example
 * idsIn({ run_id: "9A8B…", error: { correlation_id: "…" } }); // [{ id: "9a8b…", path: "run_id" }]
 */
export function idsIn(value: unknown, path = ""): Array<{ id: string; path: string }> {
  if (typeof value === "string") {
    return [...value.matchAll(UUID)].map((m) => ({ id: m[0].toLowerCase(), path: path || "(text)" }));
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => idsIn(item, `${path}[${i}]`));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, item]) =>
      NOT_AN_ID.has(key) ? [] : idsIn(item, path ? `${path}.${key}` : key),
    );
  }
  return [];
}

/**
 * The canary leaks among `observations`: every canary of `owners` (canary → owner) found in
 * something a different user received. `pattern` must match every canary (global flag); matches
 * that are not known canaries are ignored, so text that merely looks like one never counts. One
 * leak per receiver, place and canary.
 *
 * @example
 * findCanaryLeaks([{ receiver: "bob", where: "WS tool_executing", value }], new Map([[canary, "alice"]]), /canary-x-\S+/g);
 */
export function findCanaryLeaks(
  observations: Iterable<Observation>,
  owners: ReadonlyMap<string, string>,
  pattern: RegExp,
): Leak[] {
  const leaks: Leak[] = [];
  const seen = new Set<string>();
  for (const { receiver, where, value } of observations) {
    const text = typeof value === "string" ? value : JSON.stringify(value);
    for (const match of text.matchAll(pattern)) {
      const canary = match[0];
      const owner = owners.get(canary);
      if (owner === undefined || owner === receiver) continue;
      const key = `${receiver}\u0000${where}\u0000${canary}`;
      if (seen.has(key)) continue;
      seen.add(key);
      leaks.push({ receiver, where, owner, kind: "canary", value: canary });
    }
  }
  return leaks;
}

/**
 * The ownership leaks among `observations`: every id in what a user received must be one
 * `owners` (id → owner) gives to that user; another's id is a leak naming its owner, an id no
 * one was given is a leak with no owner. One leak per receiver, place and id. `judged` counts
 * every id looked at.
 *
 * @example
 * const { leaks, judged } = findForeignIds(observations, new Map([[runId, "alice"]]));
 */
export function findForeignIds(
  observations: Iterable<Observation>,
  owners: ReadonlyMap<string, string>,
): { leaks: Leak[]; judged: number } {
  const leaks: Leak[] = [];
  const seen = new Set<string>();
  let judged = 0;
  for (const { receiver, where, value } of observations) {
    for (const { id, path } of idsIn(value)) {
      judged += 1;
      const owner = owners.get(id);
      if (owner === receiver) continue;
      const key = `${receiver}\u0000${where}\u0000${id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      leaks.push({ receiver, where, owner, kind: "id", value: id, path });
    }
  }
  return { leaks, judged };
}

/**
 * One line per leak, naming receiver, owner and place:
 * `bob received alice's canary in WS tool_executing`,
 * `bob received alice's id 9a8b… in WS agent_thinking (run_id)`,
 * `bob received an id no user was given, 9a8b…, in GET /v1/runs/:id/events (items[0].message_id)`.
 *
 * @example
 * leaks.map(describeLeak).join("\n");
 */
export function describeLeak(leak: Leak): string {
  if (leak.kind === "canary") return `${leak.receiver} received ${leak.owner}'s canary in ${leak.where}`;
  const what =
    leak.owner === undefined ? `an id no user was given, ${leak.value},` : `${leak.owner}'s id ${leak.value}`;
  return `${leak.receiver} received ${what} in ${leak.where} (${leak.path})`;
}

/**
 * A route as a pattern: UUIDs and other long ids in the path become `:id`, the query goes.
 *
 * @example
 * routeOf("GET", "http://h/v1/runs/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d/events?x=1"); // "GET /v1/runs/:id/events"
 */
export function routeOf(method: string, url: string): string {
  const path = new URL(url, "http://placeholder").pathname.replace(
    /\/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?=\/|$)/g,
    "/:id",
  );
  return `${method.toUpperCase()} ${path}`;
}
