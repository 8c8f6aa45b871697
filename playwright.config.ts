import { chromiumLaunchOptions } from "@assay/browser/launch";
import { localService, readEnv, startRun, TargetError } from "@assay/fixtures";
import { defineConfig, devices, type ReporterDescription } from "@playwright/test";

const env = readEnv();
// Variables, then the preflight (port free, or /health and the admin token), then one line
// saying what is tested; a problem stops the run before any test, one line each.
const target = await startRun(process.argv).catch((error: unknown) => {
  if (!(error instanceof TargetError)) throw error;
  console.error(error.message);
  process.exit(2);
});
const ci = Boolean(env.CI);
const sharded = target.shard !== "1/1";

const reporter: ReporterDescription[] = [
  [ci ? "dot" : "list"],
  ["html", { open: "never", outputFolder: "playwright-report" }],
  [
    "json",
    {
      outputFile: sharded
        ? `reports/results.shard-${target.shard.replace("/", "-of-")}.json`
        : "reports/results.json",
    },
  ],
  ["@assay/contracts/reporter"],
];
if (sharded) reporter.push(["blob", { outputDir: "blob-report" }]);
// Load runs (`pnpm test:load`) add their parts up into reports/load/ and judge them.
const load = Boolean(env.ASSAY_LOAD);
if (load) reporter.push(["@assay/load/reporter"]);
// A run that ran no test fails, whatever the other reporters say.
reporter.push(["@assay/fixtures/no-tests"]);
// Last, so it scans what every other reporter wrote.
reporter.push(["@assay/fixtures/secret-scan"]);

export default defineConfig({
  // Two cores on the reference machine; set ASSAY_WORKERS where there are more.
  workers: Number(env.ASSAY_WORKERS ?? 2),
  fullyParallel: true,
  forbidOnly: ci,
  retries: ci ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter,
  outputDir: "test-results",
  use: {
    baseURL: target.baseURL,
    // Traces and videos would record bearer tokens; screenshots on failure are enough here.
    trace: "off",
    screenshot: "only-on-failure",
  },
  webServer: localService(target),
  projects: [
    { name: "contracts", testDir: "contracts/suites" },
    { name: "ws", testDir: "packages/ws/suites" },
    { name: "isolation", testDir: "packages/isolation/suites", testIgnore: "database*.spec.ts" },
    { name: "auth", testDir: "packages/auth/suites" },
    { name: "mcp-protocol", testDir: "packages/mcp/suites", testMatch: "protocol*.spec.ts" },
    {
      name: "browser",
      testDir: "packages/browser/suites",
      use: { ...devices["Desktop Chrome"], launchOptions: chromiumLaunchOptions() },
    },
    // Load runs only with ASSAY_LOAD=1 (`pnpm test:load`): they are long and never part of test:e2e.
    ...(load
      ? [
          { name: "load", testDir: "packages/load/suites", testMatch: "load.spec.ts", timeout: 0 },
          {
            name: "load-checks",
            testDir: "packages/load/suites",
            testMatch: "checks.spec.ts",
            timeout: 120_000,
          },
        ]
      : []),
    // Your own specs: the documented home for them (README, "Writing a spec").
    { name: "e2e", testDir: "e2e" },
    // Database-level checks need the database: only when the run has a URL for it. The planted
    // wrong row is a write, so only on a local target, never on staging.
    ...(target.databaseUrl
      ? [
          {
            name: "database",
            testDir: "packages/isolation/suites",
            testMatch: target.kind === "local" ? "database*.spec.ts" : "database.spec.ts",
          },
        ]
      : []),
  ],
});
