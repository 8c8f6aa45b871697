import { annotate, expect, test } from "@assay/test";
import { assertCorsClosed, probeCors } from "../src/index.ts";

// Fails when any route, or its preflight, lets a foreign origin read answers with credentials:
// the foreign Origin reflected, or `*`, with Access-Control-Allow-Credentials: true.
test("no route reflects a foreign Origin or sends * with credentials, on requests and preflights", async ({
  users,
  testSupport,
  target,
}) => {
  const alice = await users.create();
  const routes = await testSupport.routes();
  const answers = (
    await Promise.all(routes.map((route) => probeCors(target.baseURL, route, alice.token)))
  ).flat();
  const figures = assertCorsClosed(answers);
  expect(figures.routes, "every route of the route table was asked").toBe(routes.length);
  annotate(
    "assay:cors",
    `${figures.routes} routes, each asked and preflighted from 2 foreign origins = ${figures.answers} answers, 0 findings`,
  );
});

// Fails when the CORS check misses a service that reflects any Origin with credentials.
test("cors_reflect_origin: the CORS check fails, naming the route and the header", async ({
  users,
  faults,
  target,
}) => {
  const alice = await users.create();
  await faults.enable(alice.id, "cors_reflect_origin");
  const answers = [
    ...(await probeCors(target.baseURL, { method: "GET", pattern: "/v1/me" }, alice.token)),
    ...(await probeCors(target.baseURL, { method: "POST", pattern: "/v1/conversations" }, alice.token)),
  ];
  expect(() => assertCorsClosed(answers)).toThrow(
    /8 problem\(s\) in 8 answers:\n {2}GET \/v1\/me: Access-Control-Allow-Origin reflects the foreign Origin https:\/\/assay-cors-probe\.example with Access-Control-Allow-Credentials: true\n[\s\S]*OPTIONS \/v1\/conversations \(preflight for POST\): Access-Control-Allow-Origin reflects the foreign Origin null with Access-Control-Allow-Credentials: true/,
  );
});
