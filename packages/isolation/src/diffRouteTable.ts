import type { BolaRow } from "./bolaTable.ts";

/** A route as `GET /v1/test-support/routes` lists it. */
export interface ListedRoute {
  method: string;
  pattern: string;
  auth: string;
}

/** What differs between the BOLA table and the service's route list. */
export interface RouteTableDiff {
  /** User routes with a `:param` that the table has no path row for: `GET /v1/things/:id`. */
  missing: string[];
  /** Path rows of the table that the service does not list (the table is out of date). */
  stale: string[];
}

/**
 * Compares the table's path rows with the service's user-auth routes that take a path parameter.
 *
 * @example
 * diffRouteTable(BOLA_TABLE, await testSupport.routes()).missing; // ["GET /v1/things/:id"]
 */
export function diffRouteTable(table: readonly BolaRow[], routes: readonly ListedRoute[]): RouteTableDiff {
  const key = (method: string, pattern: string) => `${method.toUpperCase()} ${pattern}`;
  const rows = new Set(
    table.flatMap((row) =>
      row.surface === "http" && row.place === "path" ? [key(row.method, row.pattern)] : [],
    ),
  );
  const listed = new Set(routes.map((route) => key(route.method, route.pattern)));
  const missing = routes
    .filter((route) => route.auth === "user" && /\/:[A-Za-z_]/.test(route.pattern))
    .map((route) => key(route.method, route.pattern))
    .filter((route) => !rows.has(route));
  const stale = [...rows].filter((row) => !listed.has(row));
  return { missing: [...new Set(missing)].sort(), stale: stale.sort() };
}

/**
 * Throws, naming every route, when the table and the route list disagree.
 *
 * @example
 * assertTableCoversRoutes(BOLA_TABLE, await testSupport.routes());
 */
export function assertTableCoversRoutes(table: readonly BolaRow[], routes: readonly ListedRoute[]): void {
  const { missing, stale } = diffRouteTable(table, routes);
  const lines = [
    ...missing.map((route) => `  ${route}: listed by the service, missing from BOLA_TABLE`),
    ...stale.map((route) => `  ${route}: in BOLA_TABLE, not listed by the service`),
  ];
  if (lines.length === 0) return;
  throw new Error(
    "[assay/isolation] The BOLA table and the service's routes differ; add a row per id-taking route " +
      `to packages/isolation/src/bolaTable.ts (or drop the stale one):\n${lines.join("\n")}`,
  );
}
