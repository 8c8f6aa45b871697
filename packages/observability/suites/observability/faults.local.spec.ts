import { chaosTest } from "@assay/chaos";
import { checkLogLines } from "@assay/contracts";
import { test as assayTest, expect } from "@assay/test";
import { mergeTests } from "@playwright/test";
import {
  assertCountersMoved,
  assertHealthAnswersFast,
  sampleHealth,
  scrapeMetrics,
} from "../../src/index.ts";

// Each test switches a deliberate fault on in the worker's private stack and shows that the
// observability check meant to catch it fails, naming the problem.
const test = mergeTests(assayTest, chaosTest);

test("metrics_double_count: the accuracy check fails, naming the counter that moved twice as far", async ({
  stack,
  stackUsers,
  stackFaults,
}) => {
  const alice = await stackUsers.create();
  await stackFaults.enable(alice.id, "metrics_double_count");
  const before = await scrapeMetrics(stack.baseURL);
  for (let i = 0; i < 5; i++) await alice.api.get("/v1/me");
  const after = await scrapeMetrics(stack.baseURL);
  expect(() =>
    assertCountersMoved(before, after, [
      { name: "assay_http_requests_total", labels: { method: "GET", route: "/v1/me", status: "200" }, by: 5 },
    ]),
  ).toThrow(
    /assay_http_requests_total\{"method":"GET","route":"\/v1\/me","status":"200"\} moved by 10, expected 5/,
  );
});

test("log_token: the log check fails on a line holding the user's bearer token, without printing it", async ({
  stack,
  stackUsers,
  stackFaults,
}) => {
  const alice = await stackUsers.create();
  await stackFaults.enable(alice.id, "log_token");
  await alice.api.get("/v1/me", { headers: { "x-correlation-id": "log-token-fault" } });
  let own: Array<Record<string, unknown>> = [];
  await expect
    .poll(async () => {
      own = (await stack.logs()).filter(
        (line) => line.correlation_id === "log-token-fault" && line.event === "request",
      );
      return own.length;
    })
    .toBe(1);
  const { problems } = checkLogLines(own, { secrets: [alice.token] });
  expect(problems).toContain("request [log-token-fault]: holds secret #1 of the run (a bearer token or key)");
  expect(problems.join("\n")).not.toContain(alice.token);
});

test("health_queries_db: /health hangs with a silent database, and the health check says so", async ({
  stack,
  stackUsers,
  stackFaults,
}) => {
  const alice = await stackUsers.create();
  await stackFaults.enable(alice.id, "health_queries_db");
  // A database that accepts and never answers: a health check that asks it waits as long.
  stack.db.add({ type: "blackhole" });
  const samples = await sampleHealth(stack.baseURL, 3);
  expect(() => assertHealthAnswersFast(samples, 1000)).toThrow(
    /GET \/health took over 1000 ms while the database was down .*: health must answer from state kept in the background, not by querying the database/,
  );
});
