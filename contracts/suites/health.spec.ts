import { expect, test } from "@assay/test";

// Fails on a health body outside http/health.v1, or a service that reports a lost database as healthy.
test("GET /health answers the health contract with a connected database", async ({ request }) => {
  const response = await request.get("/health");
  expect(response.status()).toBe(200);
  await expect(response).toMatchContract("http/health.v1");
  expect(await response.json()).toMatchObject({ status: "healthy", database_status: "connected" });
});

// Fails when a response has no x-correlation-id, or drops a well-formed one the caller sent.
test("every response carries a correlation id, echoing a well-formed one from the caller", async ({
  request,
}) => {
  const echoed = await request.get("/health", { headers: { "x-correlation-id": "assay-check.1" } });
  expect(echoed.headers()["x-correlation-id"]).toBe("assay-check.1");
  const replaced = await request.get("/health", { headers: { "x-correlation-id": "bad id with spaces" } });
  expect(replaced.headers()["x-correlation-id"]).toMatch(/^[0-9a-f-]{36}$/);
});
