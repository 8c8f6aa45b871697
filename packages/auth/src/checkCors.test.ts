import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { assertCorsClosed, FOREIGN_ORIGINS, judgeCors, probeCors } from "./checkCors.ts";

// A stand-in target: `/reflect/…` reflects any Origin with credentials, `/star` sends `*` with
// credentials, `/public` sends `*` without; every other path sends no CORS header at all.
const seen: Array<{ method: string; url: string; authorization: string | undefined }> = [];
const server = createServer((req, res) => {
  seen.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization });
  const origin = req.headers.origin ?? "";
  if (req.url?.startsWith("/reflect/")) {
    res.setHeader("access-control-allow-origin", origin);
    res.setHeader("access-control-allow-credentials", "true");
  } else if (req.url === "/star") {
    res.setHeader("access-control-allow-origin", "*");
    res.setHeader("access-control-allow-credentials", "true");
  } else if (req.url === "/public") {
    res.setHeader("access-control-allow-origin", "*");
  }
  res.writeHead(req.method === "OPTIONS" ? 204 : 200).end();
});
let base = "";
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

test("a closed target: each route's request and preflight from every foreign origin, no problem", async () => {
  const answers = await probeCors(base, { method: "POST", pattern: "/v1/conversations/:id/messages" }, "t");
  assert.equal(answers.length, 2 * FOREIGN_ORIGINS.length);
  assert.deepEqual(answers.flatMap(judgeCors), []);
  assert.deepEqual(assertCorsClosed(answers), { answers: 4, routes: 1 });
  const [request, preflight] = seen.slice(-4);
  assert.match(request?.url ?? "", /^\/v1\/conversations\/[0-9a-f-]{36}\/messages$/);
  assert.equal(preflight?.method, "OPTIONS");
  assert.equal(request?.authorization, "Bearer t");
});

// Fails when a reflected Origin with credentials passes: the finding the CORS check exists for.
test("a reflected foreign Origin with credentials is named with its route and header, request and preflight", async () => {
  const answers = await probeCors(base, { method: "GET", pattern: "/reflect/*" }, "t");
  assert.throws(() => assertCorsClosed(answers), {
    message: [
      "[assay/auth] CORS: 4 problem(s) in 4 answers:",
      "  GET /reflect/*: Access-Control-Allow-Origin reflects the foreign Origin https://assay-cors-probe.example with Access-Control-Allow-Credentials: true",
      "  OPTIONS /reflect/* (preflight for GET): Access-Control-Allow-Origin reflects the foreign Origin https://assay-cors-probe.example with Access-Control-Allow-Credentials: true",
      "  GET /reflect/*: Access-Control-Allow-Origin reflects the foreign Origin null with Access-Control-Allow-Credentials: true",
      "  OPTIONS /reflect/* (preflight for GET): Access-Control-Allow-Origin reflects the foreign Origin null with Access-Control-Allow-Credentials: true",
    ].join("\n"),
  });
});

// Fails when `*` with credentials passes, or when `*` alone (no credentials) is flagged.
test('"*" with credentials is a finding; "*" without credentials is not', async () => {
  const star = await probeCors(base, { method: "GET", pattern: "/star" }, "t");
  assert.deepEqual(judgeCors(star[0] as (typeof star)[0]), [
    'GET /star: Access-Control-Allow-Origin "*" with Access-Control-Allow-Credentials: true',
  ]);
  const open = await probeCors(base, { method: "GET", pattern: "/public" }, "t");
  assert.deepEqual(open.flatMap(judgeCors), []);
});

// Fails when a check that saw nothing passes.
test("no answer, or no route at all, is a problem rather than a pass", async () => {
  const closed = await probeCors("http://127.0.0.1:9", { method: "GET", pattern: "/v1/me" }, "t");
  assert.deepEqual(judgeCors(closed[0] as (typeof closed)[0]), [
    "GET /v1/me: no answer from Origin https://assay-cors-probe.example",
  ]);
  assert.throws(() => assertCorsClosed([]), /No CORS answer to judge/);
});
