import { chaosTest } from "@assay/chaos";
import { contracts } from "@assay/contracts";
import { test as assayTest, expect } from "@assay/test";
import { mergeTests } from "@playwright/test";
import { assertHealthAnswersFast, sampleHealth } from "../../src/index.ts";

const test = mergeTests(assayTest, chaosTest);

test("/health says unhealthy (503, database disconnected) while the database is cut, and answers at once", async ({
  stack,
}) => {
  stack.db.cut();
  await expect.poll(async () => (await fetch(`${stack.baseURL}/health`)).status, { timeout: 5000 }).toBe(503);
  const samples = await sampleHealth(stack.baseURL, 30, 30);
  assertHealthAnswersFast(samples, 1000);
  for (const sample of samples) {
    expect(sample.status).toBe(503);
    expect(sample.body).toMatchObject({ status: "unhealthy", database_status: "disconnected" });
    expect(contracts.validate("http/health.v1", sample.body).errors).toEqual([]);
  }
  await stack.db.reset();
  await expect
    .poll(
      async () => ((await (await fetch(`${stack.baseURL}/health`)).json()) as { status: string }).status,
      {
        timeout: 10_000,
      },
    )
    .toBe("healthy");
});
