import type { Route } from "./Route.ts";

/** A route found for the path and method, or the methods the path allows (405), or nothing (404). */
export type RouteMatch =
  | { kind: "found"; route: Route; params: Record<string, string> }
  | { kind: "wrong_method"; allow: string[] }
  | { kind: "none" };

/**
 * Matches a path (no query string) against a pattern; returns the params or null.
 * @example matchPattern("/v1/runs/:id", "/v1/runs/42") // { id: "42" }
 */
export function matchPattern(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = path.split("/");
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i] ?? "";
    if (segment === "*" && i === want.length - 1) {
      params["*"] = got.slice(i).join("/");
      return i <= got.length - 1 ? params : null;
    }
    const value = got[i];
    if (value === undefined) return null;
    if (segment.startsWith(":")) {
      if (value === "") return null;
      params[segment.slice(1)] = value;
    } else if (segment !== value) {
      return null;
    }
  }
  return want.length === got.length ? params : null;
}

/**
 * Finds the route for a method and path in a route table.
 * @example matchRoute(routes, "GET", "/health").kind // "found"
 */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const allow: string[] = [];
  for (const route of routes) {
    const params = matchPattern(route.pattern, path);
    if (params === null) continue;
    if (route.method === method) return { kind: "found", route, params };
    if (!allow.includes(route.method)) allow.push(route.method);
  }
  return allow.length > 0 ? { kind: "wrong_method", allow } : { kind: "none" };
}
