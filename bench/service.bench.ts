/**
 * The reference backend (apps/agent-api) under @assay/load at 50 and at 1,000 users: health p95,
 * event delivery p95 (the event's server `ts` to the client's receive) and project switch p95,
 * against the plans' budgets (50 ms, 500 ms, 50 ms) and the goal of staying 10× under them.
 *
 * It provisions its own PostgreSQL database (`assay_bench`, via ASSAY_BENCH_PG_ADMIN_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres), boots the service on it on ASSAY_BENCH_PORT
 * (default 4641), and runs `pnpm test:load` against it as a staging target with the `ramp`
 * (50 users) and `agents-1000` scenarios: every event of every run is checked as in any load
 * run. Each scenario's result.json is kept as reports/bench/service-<scenario>.json; the figures
 * are printed with the load average sampled through the run (this machine is shared).
 * `--profile` starts the service with `--cpu-prof` (profiles in reports/bench/service-profile/).
 *
 * Run: node bench/service.bench.ts [scenario…] [--profile]   (default: ramp agents-1000)
 * Exit 1 when a figure is over its budget or the run found problems; 10× under is reported.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { benchEnv } from "./env.ts";

const ROOT = join(import.meta.dirname, "..");
const OUT = join(ROOT, "reports", "bench");
const args = process.argv.slice(2);
const profile = args.includes("--profile");
const scenarios = args.filter((a) => !a.startsWith("--"));
if (scenarios.length === 0) scenarios.push("ramp", "agents-1000");
const port = Number(benchEnv.ASSAY_BENCH_PORT ?? 4641);
const adminUrl = benchEnv.ASSAY_BENCH_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const BUDGETS = { "http GET /health": 50, event_delivery: 500, project_switch: 50 } as const;
const GOAL_FACTOR = 10;

type Step = { count: number; p50: number; p95: number; p99: number; max: number };
type Result = {
  users: { planned: number; started: number; done: number; failed: number };
  runs: { started: number; checked: number; passed: number; events: number };
  problems: { total: number; counts: Record<string, number> };
  steps: Record<string, Step>;
  service: { rss_mb: number; pool_waiting: number; runs_in_flight: number }[];
};

const provision = spawnSync(
  process.execPath,
  [join(ROOT, "apps/agent-api/src/provisionDatabase.ts"), adminUrl, "assay_bench", "assay_bench"],
  { encoding: "utf8" },
);
if (provision.status !== 0) {
  console.error(
    `service bench: cannot provision the database assay_bench on ASSAY_BENCH_PG_ADMIN_URL: ${provision.stderr.trim().split("\n")[0]}`,
  );
  process.exit(2);
}
const adminToken = randomBytes(32).toString("hex");
const serviceEnv = {
  PATH: benchEnv.PATH,
  PORT: String(port),
  HOST: "127.0.0.1",
  DATABASE_URL: provision.stdout.trim(),
  ASSAY_JWT_SECRET: randomBytes(32).toString("hex"),
  ASSAY_ADMIN_TOKEN: adminToken,
  LOG_LEVEL: "warn",
};
mkdirSync(OUT, { recursive: true });
const profileDir = join(OUT, "service-profile");
const service: ChildProcess = spawn(
  process.execPath,
  [
    ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
    join(ROOT, "apps/agent-api/src/main.ts"),
  ],
  { env: serviceEnv, stdio: ["ignore", "ignore", "inherit"] },
);
const baseUrl = `http://127.0.0.1:${port}`;
for (let i = 0; ; i += 1) {
  try {
    if ((await fetch(`${baseUrl}/health`)).ok) break;
  } catch {
    // not listening yet
  }
  if (i > 100 || service.exitCode !== null) {
    console.error(`service bench: the reference backend did not answer /health on ${baseUrl}`);
    service.kill();
    process.exit(2);
  }
  await sleep(200);
}

type MetricJson = {
  name: string;
  values: { labels: Record<string, string | number>; value: number; metricName?: string }[];
};

/**
 * The service's own count of `GET /health` answers and of those it timed within 5 ms (its
 * histogram's smallest bucket), from `/metrics`: set beside the client's p95, it tells whether a
 * tail is the service's or the load client's (the two share this machine's cores).
 */
async function healthOnServer(): Promise<{ total: number; within5ms: number }> {
  const response = await fetch(`${baseUrl}/metrics`, { headers: { accept: "application/json" } });
  const metrics = (await response.json()) as MetricJson[];
  const buckets = metrics.find((m) => m.name === "assay_http_request_duration_seconds")?.values ?? [];
  const health = (le: string) =>
    buckets.find(
      (v) =>
        v.metricName === "assay_http_request_duration_seconds_bucket" &&
        v.labels.route === "/health" &&
        v.labels.method === "GET" &&
        String(v.labels.le) === le,
    )?.value ?? 0;
  return { total: health("+Inf"), within5ms: health("0.005") };
}

const round = (n: number | undefined) => (n === undefined ? "–" : String(Math.round(n * 10) / 10));
let failed = false;
const summary: Record<string, unknown> = {};
try {
  for (const scenario of scenarios) {
    const health0 = await healthOnServer();
    const loads: number[] = [];
    const sampler = setInterval(() => loads.push(os.loadavg()[0] as number), 5000);
    const started = Date.now();
    const child = spawn("pnpm", ["test:load"], {
      cwd: ROOT,
      stdio: ["ignore", "inherit", "inherit"],
      env: {
        ...benchEnv,
        ASSAY_TARGET: "staging",
        ASSAY_BASE_URL: baseUrl,
        ASSAY_ADMIN_TOKEN: adminToken,
        ASSAY_LOAD_SCENARIO: `packages/load/scenarios/${scenario}.json`,
        ASSAY_RUN_ID: `bench-${scenario}-${Date.now()}`,
      },
    });
    const status = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    clearInterval(sampler);
    const file = join(OUT, `service-${scenario}.json`);
    copyFileSync(join(ROOT, "reports/load/result.json"), file);
    const result = JSON.parse(readFileSync(file, "utf8")) as Result;
    const minutes = (Date.now() - started) / 60_000;
    const la = loads.length > 0 ? loads : [os.loadavg()[0] as number];
    const lines = Object.entries(BUDGETS).map(([step, budget]) => {
      const p95 = result.steps[step]?.p95;
      const goal = budget / GOAL_FACTOR;
      const verdict =
        p95 === undefined
          ? "NO SAMPLES"
          : p95 <= goal
            ? "10× under"
            : p95 <= budget
              ? "under budget, not 10× under"
              : "OVER BUDGET";
      if (p95 === undefined || p95 > budget) failed = true;
      return `${step} p95 ${round(p95)} ms (p50 ${round(result.steps[step]?.p50)}, ${result.steps[step]?.count ?? 0} samples; budget ${budget}, goal ${goal}): ${verdict}`;
    });
    const peakWaiting = Math.max(0, ...result.service.map((s) => s.pool_waiting));
    console.log(
      `service: ${scenario}, ${result.users.done}/${result.users.planned} users done, ${result.runs.checked} runs and ${result.runs.events} events checked, ${result.problems.total} problems (pnpm test:load exit ${status}: its verdict, above), ${minutes.toFixed(1)} min; load avg 1-min during the run min ${Math.min(...la).toFixed(1)} mean ${(la.reduce((a, b) => a + b, 0) / la.length).toFixed(1)} max ${Math.max(...la).toFixed(1)}; pool waiting peak ${peakWaiting}`,
    );
    for (const line of lines) console.log(`  ${line}`);
    const health1 = await healthOnServer();
    const answered = health1.total - health0.total;
    const fast = health1.within5ms - health0.within5ms;
    console.log(
      `  the service's own timing of GET /health: ${fast} of ${answered} answers within 5 ms (${answered > 0 ? ((100 * fast) / answered).toFixed(2) : "–"} %)`,
    );
    if (result.problems.total > 0) failed = true;
    summary[scenario] = {
      steps: result.steps,
      users: result.users,
      problems: result.problems,
      exit: status,
      loadAvg1: la,
      healthOnServer: { answered, within5ms: fast },
    };
  }
} finally {
  service.kill("SIGTERM");
  await new Promise((resolve) => service.once("exit", resolve));
  writeFileSync(join(OUT, "service.json"), `${JSON.stringify(summary, null, 2)}\n`);
}
process.exitCode = failed ? 1 : 0;
