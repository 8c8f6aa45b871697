import assert from "node:assert/strict";
import { test } from "node:test";
import { assertCleanErrors, checkErrorResponse } from "./checkErrorResponse.ts";

const envelope =
  '{"error":{"code":"validation_failed","message":"Field \\"name\\" is required.","correlation_id":"c-1"}}';

test("a 4xx envelope is clean; odd but valid input may also be stored", () => {
  assert.deepEqual(
    checkErrorResponse({ where: "POST /v1/projects (x)", status: 400, body: envelope }, "4xx"),
    [],
  );
  assert.deepEqual(
    checkErrorResponse({ where: "POST /v1/projects (emoji)", status: 201, body: "{}" }, "2xx-or-4xx"),
    [],
  );
});

test("a 5xx, a 2xx for broken input, a bare 431 and a stack each name the route", () => {
  assert.deepEqual(
    checkErrorResponse({ where: "POST /v1/projects (NUL)", status: 500, body: envelope }, "2xx-or-4xx"),
    ["POST /v1/projects (NUL): HTTP 500"],
  );
  assert.deepEqual(
    checkErrorResponse({ where: "POST /v1/sessions (empty body)", status: 201, body: "{}" }, "4xx"),
    ["POST /v1/sessions (empty body): HTTP 201, expected a 4xx"],
  );
  assert.deepEqual(
    checkErrorResponse({ where: "GET /v1/ws (2,000 headers)", status: 431, body: "" }, "4xx"),
    ["GET /v1/ws (2,000 headers): HTTP 431 without the error envelope (not JSON)"],
  );
  const stack = JSON.stringify({
    error: {
      code: "invalid_json",
      message: "bad",
      correlation_id: "c",
      stack: "SyntaxError\n    at JSON.parse (<anonymous>)",
    },
  });
  const problems = checkErrorResponse(
    { where: "POST /v1/conversations (x)", status: 400, body: stack },
    "4xx",
  );
  assert.match(problems.join("\n"), /without the error envelope .*additional properties: 'stack'/);
  assert.match(problems.join("\n"), /POST \/v1\/conversations \(x\): the body carries a stack trace/);
  assert.throws(() => assertCleanErrors(problems, 3), {
    message: /^\[assay\/isolation\] Bad input: 2 problem\(s\) in 3 answers:\n {2}POST/,
  });
  assert.doesNotThrow(() => assertCleanErrors([], 3));
});
