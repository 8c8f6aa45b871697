import { chromiumLaunchOptions } from "@assay/browser/launch";
import { localService, readEnv, startRun, TargetError } from "@assay/fixtures";
import { OauthConfigError, resolveOauthTarget } from "@assay/oauth/target";
import { defineConfig, devices, type ReporterDescription } from "@playwright/test";

const env = readEnv();
// Variables, then the preflight (port free, or /health and the admin token), then one line
// saying what is tested; a problem stops the run before any test, one line each.
const target = await startRun(process.argv).catch((error: unknown) => {
  if (!(error instanceof TargetError)) throw error;
  console.error(error.message);
  process.exit(2);
});
// The OAuth suites' variables (ASSAY_MCP_URL, ASSAY_OAUTH_*) are checked here too, before any test.
try {
  resolveOauthTarget(env, target.baseURL);
} catch (error) {
  if (!(error instanceof OauthConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}
const ci = Boolean(env.CI);
const local = target.kind === "local";
const serviceLog = Boolean(env.ASSAY_SERVICE_LOG || env.ASSAY_SERVICE_LOG_COMMAND);
// Said once, by the runner (workers load this file too): what this target leaves out, and why.
if (!env.TEST_WORKER_INDEX) {
  if (!local)
    console.log(
      "[assay] resilience: not included, nor observability's *.local checks (metrics accuracy, health during a cut, fault proofs): " +
        "they need a private service with a fault proxy between it and its database and upstream, which only ASSAY_TARGET=local arranges.",
    );
  if (!local && !target.baseURL.startsWith("https:"))
    console.log("[assay] tls: not included: the target is not https (ASSAY_BASE_URL).");
  else if (!local && !env.ASSAY_HTTP_URL)
    console.log(
      "[assay] tls: the HTTP→HTTPS redirect check is not included: set ASSAY_HTTP_URL to the plain-HTTP origin.",
    );
  if (!serviceLog)
    console.log(
      "[assay] observability: the log checks are not included: name the service's log with ASSAY_SERVICE_LOG (a file) or ASSAY_SERVICE_LOG_COMMAND.",
    );
}
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
    // The MCP authorization flow and its negative matrix. Restarting the service needs instances
    // of it booted by the tests: local runs only.
    {
      name: "oauth",
      testDir: "packages/oauth/suites",
      testIgnore: target.kind === "local" ? "database*.spec.ts" : ["database*.spec.ts", "restart.spec.ts"],
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
    // The MCP tool matrix and token budgets, and isolation through MCP (packages/mcp/README.md).
    { name: "mcp-tools", testDir: "packages/mcp/suites", testMatch: ["tools.spec.ts", "budgets.spec.ts"] },
    { name: "mcp-isolation", testDir: "packages/mcp/suites", testMatch: "isolation.spec.ts" },
    // Chaos needs the fault proxy between the service and its dependencies: local runs only.
    ...(local ? [{ name: "resilience", testDir: "packages/chaos/suites" }] : []),
    {
      name: "observability",
      testDir: "packages/observability/suites/observability",
      testIgnore: [...(local ? [] : ["**/*.local.spec.ts"]), ...(serviceLog ? [] : ["**/logs.spec.ts"])],
    },
    { name: "memory", testDir: "packages/observability/suites/memory" },
    // Locally a private stack with its HTTPS listener on; in staging the target, when it is https.
    ...(local
      ? [
          {
            name: "tls",
            testDir: "packages/observability/suites/tls",
            testMatch: "*.local.spec.ts",
          },
        ]
      : target.baseURL.startsWith("https:")
        ? [
            {
              name: "tls",
              testDir: "packages/observability/suites/tls",
              testMatch: "*.staging.spec.ts",
              grep: env.ASSAY_HTTP_URL ? undefined : /^(?!.*plain HTTP redirects)/,
            },
          ]
        : []),
    // Your own specs: the documented home for them (README, "Writing a spec").
    { name: "e2e", testDir: "e2e" },
    // Database-level checks need the database: only when the run has a URL for it. The planted
    // wrong row is a write, and the OAuth cleanup check boots an instance: local targets only.
    ...(target.databaseUrl
      ? [
          {
            name: "database",
            testDir: "packages",
            testMatch:
              target.kind === "local"
                ? ["isolation/suites/database*.spec.ts", "oauth/suites/database*.spec.ts"]
                : "isolation/suites/database.spec.ts",
          },
        ]
      : []),
  ],
});
