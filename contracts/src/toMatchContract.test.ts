import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import {
  type APIRequestContext,
  expect as baseExpect,
  type ExpectMatcherState,
  type MatcherReturnType,
  request,
} from "@playwright/test";
import { validSamples } from "./samples/contractSamples.ts";
import { toMatchContract } from "./toMatchContract.ts";

// The plain-value signature; awaiting also covers the APIResponse path, which is async.
const match: (
  this: ExpectMatcherState,
  received: unknown,
  id: string,
) => MatcherReturnType | Promise<MatcherReturnType> = toMatchContract;
const pass = { isNot: false } as ExpectMatcherState;
const negated = { isNot: true } as ExpectMatcherState;
const healthy = validSamples["http/health.v1"] as Record<string, unknown>;

describe("toMatchContract on values", () => {
  test("passes a valid value with the .not message ready", async () => {
    const result = await match.call(negated, healthy, "http/health.v1");
    assert.equal(result.pass, true);
    assert.equal(result.name, "toMatchContract");
    assert.equal(result.expected, "http/health.v1");
    assert.equal(result.actual, healthy);
    assert.equal(
      result.message(),
      'expect(received).not.toMatchContract("http/health.v1") failed\n\nContract: http/health.v1\nReceived value matches the contract.',
    );
  });

  test("fails a wrong enum and an extra field with one line each", async () => {
    const result = await match.call(
      pass,
      { ...healthy, status: "ok", stack: "Error: boom" },
      "http/health.v1",
    );
    assert.equal(result.pass, false);
    assert.equal(
      result.message(),
      [
        'expect(received).toMatchContract("http/health.v1") failed',
        "",
        "Contract: http/health.v1",
        '  /status must be equal to one of the allowed values ("healthy", "degraded", "unhealthy")',
        "  / must NOT have additional properties: 'stack'",
        `Received: {"status":"ok","database_status":"connected","connection_pool":{"max":10,"total":3,"idle":2,"waiting":0,"utilization_percent":10},"circuit_breaker":"closed","uptime_seconds":12.5,"version":"0.1.0","stack":"Error: boom"}`,
      ].join("\n"),
    );
  });

  test("fails a missing required field and cuts a long received value at 1000 chars", async () => {
    const event = { ...(validSamples["ws/agent-completed.v1"] as object), content: "y".repeat(3000) };
    Reflect.deleteProperty(event, "message_id");
    const message = (await match.call(pass, event, "ws/agent-completed.v1")).message();
    const lines = message.split("\n");
    assert.deepEqual(lines.slice(0, 4), [
      'expect(received).toMatchContract("ws/agent-completed.v1") failed',
      "",
      "Contract: ws/agent-completed.v1",
      "  / must have required property 'message_id'",
    ]);
    assert.equal(lines[4]?.length, "Received: ".length + 1001);
    assert.ok(lines[4]?.endsWith("yyy…"));
  });

  test("an unknown contract id throws the registry's message", async () => {
    assert.throws(
      () => match.call(pass, healthy, "http/helth.v1"),
      /^Error: \[assay\/contracts\] Unknown contract "http\/helth\.v1"\. Known: http\/health\.v1/,
    );
  });

  test("checks JSON primitives and null rather than refusing them", () => {
    for (const received of [null, 0, "healthy", false, []]) {
      const result = match.call(pass, received, "http/health.v1") as MatcherReturnType;
      assert.equal(result.pass, false);
      assert.match(result.message(), /\n {2}\/ must be object\nReceived: /);
    }
    assert.equal((match.call(pass, "ping-1", "http/health.v1") as MatcherReturnType).actual, "ping-1");
  });

  const wrongReceivers: Array<[string, unknown, string]> = [
    [
      "undefined",
      undefined,
      "Received undefined. Pass a JSON value or a Playwright APIResponse; did a helper forget to return?",
    ],
    [
      "a function",
      function getHealth() {},
      "Received a function (getHealth). Pass the value it returns, not the function.",
    ],
    [
      "a Promise",
      Promise.resolve(healthy),
      "Received a Promise. Await it first: expect(await request.get(url)).toMatchContract(id).",
    ],
    [
      "a symbol",
      Symbol("x"),
      "Received a symbol, which JSON cannot hold. Pass a JSON value or a Playwright APIResponse.",
    ],
    [
      "a bigint",
      10n,
      "Received a bigint, which JSON cannot hold. Pass a JSON value or a Playwright APIResponse.",
    ],
  ];
  for (const [label, received, explanation] of wrongReceivers) {
    test(`throws for ${label}, also under .not`, async () => {
      for (const state of [pass, negated]) {
        const not = state.isNot ? ".not" : "";
        assert.throws(
          () => match.call(state, received, "http/health.v1"),
          new Error(
            `expect(received)${not}.toMatchContract("http/health.v1") failed\n\n[assay/contracts] ${explanation}`,
          ),
        );
      }
    });
  }
});

describe("toMatchContract on a real Playwright APIResponse", () => {
  let context: APIRequestContext;
  const server = createServer((req, res) => {
    const routes: Record<string, [number, string, string]> = {
      "/health": [200, "application/json; charset=utf-8", JSON.stringify(healthy)],
      "/bad-health": [200, "application/json", JSON.stringify({ ...healthy, status: "ok" })],
      "/html": [502, "text/html", "<h1>Bad Gateway</h1>"],
      "/broken": [200, "application/json", '{"status":'],
      "/empty": [204, "application/json", ""],
    };
    const [status, type, body] = routes[req.url ?? ""] ?? [404, "application/json", "{}"];
    res.writeHead(status, { "content-type": type }).end(body);
  });

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    context = await request.newContext({ baseURL: `http://127.0.0.1:${port}` });
  });
  after(async () => {
    await context.dispose();
    await new Promise((resolve) => server.close(resolve));
  });

  test("reads the JSON body and passes", async () => {
    const result = await match.call(pass, await context.get("/health"), "http/health.v1");
    assert.equal(result.pass, true);
    // Under .not the pass is reported, with the body that was read.
    const negatedResult = await match.call(negated, await context.get("/health"), "http/health.v1");
    assert.equal(negatedResult.pass, true);
    assert.deepEqual(negatedResult.actual, healthy);
  });

  // Fails when the shared results of the unreported outcomes can be changed by a caller.
  test("a passing value and a failing one under .not share frozen results with no values", () => {
    const held = match.call(pass, healthy, "http/health.v1") as MatcherReturnType;
    assert.equal(held.pass, true);
    assert.equal(held.actual, undefined, "an unreported pass keeps no reference to the value");
    assert.ok(Object.isFrozen(held));
    const heldNegated = match.call(negated, { status: "nope" }, "http/health.v1") as MatcherReturnType;
    assert.equal(heldNegated.pass, false);
    assert.ok(Object.isFrozen(heldNegated));
  });

  test("fails on the body and calls the receiver response", async () => {
    const result = await match.call(pass, await context.get("/bad-health"), "http/health.v1");
    assert.equal(result.pass, false);
    assert.match(
      result.message(),
      /^expect\(response\)\.toMatchContract\("http\/health\.v1"\) failed\n\nContract: http\/health\.v1\n {2}\/status must be equal/,
    );
  });

  for (const [path, problem, received] of [
    [
      "/html",
      'Response has content-type "text/html", not application/json (HTTP 502 from {url}).',
      '"<h1>Bad Gateway</h1>"',
    ],
    [
      "/broken",
      "Response body is not JSON (HTTP 200 from {url}): Unexpected end of JSON input.",
      '"{\\"status\\":"',
    ],
    ["/empty", "Response body is empty (HTTP 204 from {url}).", '""'],
  ] as const) {
    test(`fails clearly on ${path.slice(1)} bodies`, async () => {
      const response = await context.get(path);
      const result = await match.call(pass, response, "http/health.v1");
      assert.equal(result.pass, false);
      assert.equal(
        result.message(),
        [
          'expect(response).toMatchContract("http/health.v1") failed',
          "",
          "Contract: http/health.v1",
          problem.replace("{url}", response.url()),
          `Received: ${received}`,
        ].join("\n"),
      );
    });
  }
});

describe("toMatchContract through Playwright's expect", () => {
  const expect = baseExpect.extend({ toMatchContract });

  test("passes and fails with the shared message, .not included", async () => {
    await expect(healthy).toMatchContract("http/health.v1");
    await expect({ ...healthy, status: "ok" }).not.toMatchContract("http/health.v1");
    await assert.rejects(
      async () => expect({ ...healthy, status: "ok" }).toMatchContract("http/health.v1"),
      (error: Error) =>
        error.message.includes(
          'expect(received).toMatchContract("http/health.v1") failed\n\nContract: http/health.v1\n  /status must be equal to one of the allowed values ("healthy", "degraded", "unhealthy")\nReceived: {"status":"ok"',
        ),
    );
    await assert.rejects(
      async () => expect(healthy).not.toMatchContract("http/health.v1"),
      (error: Error) => error.message.includes("Received value matches the contract."),
    );
  });

  test("a wrong receiver fails under .not as well", async () => {
    await assert.rejects(
      async () => expect(Promise.resolve(healthy)).not.toMatchContract("http/health.v1"),
      /\[assay\/contracts\] Received a Promise\. Await it first/,
    );
  });
});
