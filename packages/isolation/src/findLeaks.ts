/** One body or frame a user received, as the leak oracle saw it. */
export interface Observation {
  /** Who received it (the oracle's label for the user). */
  receiver: string;
  /** `GET /v1/projects/:id` for an HTTP body, `WS tool_executing` for a frame. */
  where: string;
  text: string;
}

/** A canary that reached someone other than its owner. */
export interface Leak {
  receiver: string;
  where: string;
  /** Whose canary it was. */
  owner: string;
  canary: string;
}

/**
 * The leaks among `observations`: every canary of `owners` (canary → owner) found in something a
 * different user received. `pattern` must match every canary (global flag); matches that are not
 * known canaries are ignored, so text that merely looks like one never counts. One leak per
 * receiver, place and canary.
 *
 * @example
 * findLeaks([{ receiver: "bob", where: "WS tool_executing", text }], new Map([[canary, "alice"]]), /canary-x-\S+/g);
 */
export function findLeaks(
  observations: Iterable<Observation>,
  owners: ReadonlyMap<string, string>,
  pattern: RegExp,
): Leak[] {
  const leaks: Leak[] = [];
  const seen = new Set<string>();
  for (const { receiver, where, text } of observations) {
    for (const match of text.matchAll(pattern)) {
      const canary = match[0];
      const owner = owners.get(canary);
      if (owner === undefined || owner === receiver) continue;
      const key = `${receiver}\u0000${where}\u0000${canary}`;
      if (seen.has(key)) continue;
      seen.add(key);
      leaks.push({ receiver, where, owner, canary });
    }
  }
  return leaks;
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
