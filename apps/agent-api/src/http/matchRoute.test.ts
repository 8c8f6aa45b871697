import assert from "node:assert/strict";
import { test } from "node:test";
import { routes } from "../routes.ts";
import { matchPattern, matchRoute } from "./matchRoute.ts";

// Fails when a pattern matches a path with extra or missing segments.
test("matchPattern reads params and refuses extra or missing segments", () => {
  assert.deepEqual(matchPattern("/v1/runs/:id", "/v1/runs/42"), { id: "42" });
  assert.equal(matchPattern("/v1/runs/:id", "/v1/runs/42/x"), null);
  assert.equal(matchPattern("/v1/runs/:id", "/v1/runs/"), null);
  assert.equal(matchPattern("/v1/runs/:id", "/v1/runs"), null);
  assert.deepEqual(matchPattern("/console/*", "/console/a/b.js"), { "*": "a/b.js" });
  assert.deepEqual(matchPattern("/console/*", "/console/"), { "*": "" });
  assert.equal(matchPattern("/console/*", "/console"), null);
});

// Fails when a wrong method gets 404 instead of 405 with Allow, or a route is missed.
test("matchRoute finds the route, lists the allowed methods, or finds nothing", () => {
  const found = matchRoute(routes, "GET", "/v1/conversations/abc/messages");
  assert.equal(found.kind, "found");
  assert.equal(found.kind === "found" && found.route.auth, "user");
  assert.deepEqual(found.kind === "found" && found.params, { id: "abc" });
  assert.deepEqual(matchRoute(routes, "PUT", "/v1/conversations"), {
    kind: "wrong_method",
    allow: ["POST", "GET"],
  });
  assert.deepEqual(matchRoute(routes, "GET", "/v1/nothing"), { kind: "none" });
});

// Fails when two routes share a method and pattern (the second would never run).
test("the route table has one entry per method and pattern", () => {
  const keys = routes.map((route) => `${route.method} ${route.pattern}`);
  assert.equal(new Set(keys).size, keys.length);
});
