// A team's Playwright config: the target comes from ASSAY_TARGET=staging, ASSAY_BASE_URL and
// ASSAY_ADMIN_TOKEN; startRun checks them (and that the target answers) before any test.
import { startRun, TargetError } from "@assay/fixtures";
import { defineConfig } from "@playwright/test";

const target = await startRun(process.argv).catch((error: unknown) => {
  if (!(error instanceof TargetError)) throw error;
  console.error(error.message);
  process.exit(2);
});

export default defineConfig({
  testDir: "e2e",
  timeout: 30_000,
  reporter: [["list"], ["@assay/contracts/reporter", { outputFile: "reports/contract-coverage.json" }]],
  use: { baseURL: target.baseURL, trace: "off" },
});
