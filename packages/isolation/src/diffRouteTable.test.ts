import assert from "node:assert/strict";
import { test } from "node:test";
import { BOLA_TABLE } from "./bolaTable.ts";
import { assertTableCoversRoutes, diffRouteTable } from "./diffRouteTable.ts";

const listed = BOLA_TABLE.flatMap((row) =>
  row.surface === "http" && row.place === "path"
    ? [{ method: row.method, pattern: row.pattern, auth: "user" }]
    : [],
);

test("a route list the table covers has nothing missing or stale", () => {
  const routes = [
    ...listed,
    { method: "GET", pattern: "/v1/projects", auth: "user" },
    { method: "DELETE", pattern: "/v1/test-support/users/:id", auth: "admin" },
    { method: "GET", pattern: "/console/*", auth: "none" },
  ];
  assert.deepEqual(diffRouteTable(BOLA_TABLE, routes), { missing: [], stale: [] });
  assertTableCoversRoutes(BOLA_TABLE, routes);
});

test("a new user route with a :param and no row is missing, named; a row the service dropped is stale", () => {
  const routes = [
    ...listed.filter((route) => route.pattern !== "/v1/runs/:id/events"),
    { method: "get", pattern: "/v1/projects/:project_id/members", auth: "user" },
    { method: "PUT", pattern: "/v1/contexts/:id", auth: "user" },
  ];
  assert.deepEqual(diffRouteTable(BOLA_TABLE, routes), {
    missing: ["GET /v1/projects/:project_id/members", "PUT /v1/contexts/:id"],
    stale: ["GET /v1/runs/:id/events"],
  });
  assert.throws(() => assertTableCoversRoutes(BOLA_TABLE, routes), {
    message:
      /GET \/v1\/projects\/:project_id\/members: listed by the service, missing from BOLA_TABLE\n {2}PUT \/v1\/contexts\/:id: listed by the service, missing from BOLA_TABLE\n {2}GET \/v1\/runs\/:id\/events: in BOLA_TABLE, not listed by the service$/,
  });
});

// Catches a row that also sends the id elsewhere: the matrix would then test two places at once.
test("every path row's request puts the id in the path and nowhere else", () => {
  const own = { project: "p", session: "s", context: "c", conversation: "v", run: "r" };
  for (const row of BOLA_TABLE) {
    if (row.surface !== "http") continue;
    const { path, data, headers } = row.request("VICTIM", own);
    const where = [
      path.includes("VICTIM") && "path",
      JSON.stringify(data ?? null).includes("VICTIM") && "body",
      JSON.stringify(headers ?? null).includes("VICTIM") && "header",
    ].filter(Boolean);
    assert.deepEqual(where, [row.place], `${row.method} ${row.pattern} (${row.id} in ${row.place})`);
  }
});
