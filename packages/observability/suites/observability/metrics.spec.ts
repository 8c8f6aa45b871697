import { expect, test } from "@assay/test";
import { parsePrometheus } from "../../src/index.ts";

// What an operator needs, by family name (see apps/agent-api/README.md, "Metrics").
const FAMILIES = [
  "assay_http_requests_total",
  "assay_http_request_duration_seconds",
  "assay_ws_connections",
  "assay_agent_runs_total",
  "assay_tool_calls_total",
  "assay_db_pool_connections",
  "assay_db_up",
  "assay_memory_queue_depth",
  "assay_upstream_breaker_state",
  "assay_rate_limit_refusals_total",
];

test("GET /metrics is Prometheus text that parses, with every family an operator needs", async ({
  request,
}) => {
  const response = await request.get("/metrics");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
  const { families, problems } = parsePrometheus(await response.text());
  expect(problems).toEqual([]);
  expect(
    FAMILIES.filter((name) => !families.has(name)),
    "families missing",
  ).toEqual([]);
  expect(families.get("assay_http_requests_total")?.type).toBe("COUNTER");
  expect(families.get("assay_http_request_duration_seconds")?.type).toBe("HISTOGRAM");
});

test("GET /metrics with Accept: application/json answers the same metrics as JSON", async ({ request }) => {
  const response = await request.get("/metrics", { headers: { accept: "application/json" } });
  expect(response.status()).toBe(200);
  await expect(response).toMatchContract("http/metrics.v1");
  const names = ((await response.json()) as Array<{ name: string }>).map((family) => family.name);
  expect(FAMILIES.filter((name) => !names.includes(name))).toEqual([]);
});
