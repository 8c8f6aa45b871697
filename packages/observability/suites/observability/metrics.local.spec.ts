import { chaosTest } from "@assay/chaos";
import { test as assayTest, expect } from "@assay/test";
import { mergeTests } from "@playwright/test";
import { assertCountersMoved, sampleValue, scrapeMetrics as scrape } from "../../src/index.ts";

// Exact counts need a service no one else talks to: the worker's private stack.
const test = mergeTests(assayTest, chaosTest);

test("metrics are accurate: counters move by exactly the requests, runs, tool calls and sockets the test made", async ({
  stack,
  stackUsers,
  connectWs,
}) => {
  const alice = await stackUsers.create();
  const before = await scrape(stack.baseURL);
  for (let i = 0; i < 7; i++) expect((await alice.api.get("/v1/me")).status()).toBe(200);
  for (let i = 0; i < 3; i++)
    expect((await alice.api.get("/v1/conversations/00000000-0000-4000-8000-000000000000")).status()).toBe(
      404,
    );
  const socket = await connectWs({ url: stack.wsURL, token: alice.token });
  await socket.sessionReady;
  const created = await alice.api.post("/v1/conversations", { data: { title: "metrics" } });
  const conversationId = ((await created.json()) as { id: string }).id;
  const accepted = await alice.api.post(`/v1/conversations/${conversationId}/messages`, {
    data: { content: "#tool:echo count me" },
  });
  const runId = ((await accepted.json()) as { run: { id: string } }).run.id;
  await expect(socket).toReceiveEvent({ type: "agent_completed", run_id: runId });
  const after = await scrape(stack.baseURL);
  assertCountersMoved(before, after, [
    { name: "assay_http_requests_total", labels: { method: "GET", route: "/v1/me", status: "200" }, by: 7 },
    {
      name: "assay_http_requests_total",
      labels: { method: "GET", route: "/v1/conversations/:id", status: "404" },
      by: 3,
    },
    { name: "assay_http_request_duration_seconds_count", labels: { method: "GET", route: "/v1/me" }, by: 7 },
    { name: "assay_http_requests_total", labels: { method: "GET", route: "/v1/ws", status: "101" }, by: 1 },
    { name: "assay_ws_connections_opened_total", labels: {}, by: 1 },
    { name: "assay_agent_runs_total", labels: { outcome: "completed" }, by: 1 },
    { name: "assay_tool_calls_total", labels: { tool: "echo", result: "ok" }, by: 1 },
  ]);
  expect(sampleValue(after, "assay_ws_connections")).toBe(1);
  // The gauge follows the service's database monitor. On a starved machine one of its probes can
  // outlast its 1 s timeout and count as an outage until the next query answers, so the gauge is
  // read until it says up; a gauge stuck at 0 still fails the test.
  await expect
    .poll(async () => sampleValue(await scrape(stack.baseURL), "assay_db_up"), { timeout: 10_000 })
    .toBe(1);
  expect(sampleValue(after, "assay_upstream_breaker_state")).toBe(0);
  expect(sampleValue(after, "assay_db_pool_connections", { state: "max" })).toBe(stack.poolMax);
  await socket.close();
  await expect.poll(async () => sampleValue(await scrape(stack.baseURL), "assay_ws_connections")).toBe(0);
});
