import { recordFigures, recordStep } from "@assay/chaos";
import { contracts } from "@assay/contracts";
import { expect, test } from "@assay/test";
import { percentile, sampleHealth } from "../../src/index.ts";

test("GET /health answers its contract from kept state; every answer's time goes to the gate's health budget", async ({
  request,
  target,
}) => {
  // One contract check through the matcher (coverage), then every body through the registry.
  await expect(await request.get("/health")).toMatchContract("http/health.v1");
  const samples = await sampleHealth(target.baseURL, 200);
  for (const sample of samples) recordStep("health", sample.ms);
  const problems = samples.flatMap((sample, i) => {
    const { valid, errors } = contracts.validate("http/health.v1", sample.body);
    const status = (sample.body as { status?: string }).status;
    const lines = valid ? [] : errors.map((error) => `answer ${i + 1}: ${error}`);
    if (sample.status !== 200 || status === "unhealthy")
      lines.push(`answer ${i + 1}: HTTP ${sample.status} ${status}`);
    return lines;
  });
  expect(problems).toEqual([]);
  const times = samples.map((sample) => sample.ms);
  recordFigures("health", {
    samples: times.length,
    p50_ms: percentile(times, 50),
    p95_ms: percentile(times, 95),
  });
});
