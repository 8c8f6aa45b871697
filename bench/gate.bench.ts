/**
 * Release gate cost on a large merged run: a synthetic Playwright JSON report with ~5,000 tests
 * and ~50,000 `assay:latency` annotations (plus contract annotations, a coverage file and a
 * baseline), judged N times. Each round runs `runGate` in a fresh Node process, as CI does, and
 * reports the gate's own time and the process's peak RSS.
 *
 * Run: node bench/gate.bench.ts [tests=5000] [samplesPerTest=10] [rounds=5]
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildCoverage, buildReport, type FixtureTest, runGate } from "@assay/gate";

const STEPS = ["first_event", "tool_call", "run"] as const;
const TYPICAL_MS = { first_event: 180, tool_call: 60, run: 900 };
const SCHEMAS = Array.from({ length: 24 }, (_, i) => `${["http", "ws", "mcp"][i % 3]}/contract-${i}.v1`);

if (process.argv[2] === "--child") {
  // One round: judge the prepared folder and report time and peak RSS to the parent.
  const dir = process.argv[3] ?? "";
  const run = await runGate({
    report: [join(dir, "report.json")],
    coverage: join(dir, "reports"),
    config: join(dir, "gate.config.json"),
    out: join(dir, "gate"),
    now: new Date("2026-06-01T00:00:00Z"),
  });
  const rssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    JSON.stringify({ ms: run.ms, rssMiB, verdict: run.verdict.verdict, tests: run.verdict.totals.tests }),
  );
} else {
  const tests = Number(process.argv[2] ?? 5000);
  const perTest = Number(process.argv[3] ?? 10);
  const rounds = Number(process.argv[4] ?? 5);
  const dir = mkdtempSync(join(tmpdir(), "assay-gate-bench-"));
  try {
    const report = buildReport(syntheticTests(tests, perTest));
    writeFileSync(join(dir, "report.json"), JSON.stringify(report));
    mkdirSync(join(dir, "reports"));
    // Same start as the report's, so the gate counts it as this run's coverage.
    writeFileSync(join(dir, "reports/contract-coverage.json"), JSON.stringify(buildCoverage(SCHEMAS)));
    writeFileSync(
      join(dir, "gate.config.json"),
      JSON.stringify({ flaky_max: 50, pass_rate_min: 0.99, baseline: "gate.baseline.json" }),
    );
    const entries = [
      {
        test: "api › suites/area-7.spec.ts › group 7 › case 7",
        owner: "core",
        reason: "bench",
        expires: "2026-12-31",
      },
    ];
    writeFileSync(join(dir, "gate.baseline.json"), JSON.stringify({ entries }));
    const sizeMiB = statSync(join(dir, "report.json")).size / 2 ** 20;
    const self = fileURLToPath(import.meta.url);
    const results = Array.from({ length: rounds }, () => {
      const child = spawnSync(process.execPath, [self, "--child", dir], { encoding: "utf8" });
      if (child.status !== 0) throw new Error(`[assay/gate] bench round failed: ${child.stderr}`);
      return JSON.parse(child.stdout) as { ms: number; rssMiB: number; verdict: string; tests: number };
    });
    const times = results.map((r) => r.ms).sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    const peak = Math.max(...results.map((r) => r.rssMiB));
    console.log(`report: ${sizeMiB.toFixed(1)} MiB JSON, verdict ${results[0]?.verdict}, ${rounds} rounds`);
    console.log(
      `gate: ${results[0]?.tests} tests, ${tests * perTest} latency samples: median ${Math.round(median)} ms, peak RSS ${Math.round(peak)} MiB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A big merged run: two projects, 50 files, mostly passing, a few flaky/failing/skipped. */
function syntheticTests(count: number, perTest: number): FixtureTest[] {
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Array.from({ length: count }, (_, i): FixtureTest => {
    const latency = Array.from({ length: perTest }, (_, k): [string, number] => {
      const step = STEPS[k % STEPS.length] ?? "run";
      // Log-normal-ish: most samples near the typical value, a long right tail.
      return [
        step,
        Math.round(TYPICAL_MS[step] * Math.exp((random() + random() + random() - 1.5) * 0.8) * 10) / 10,
      ];
    });
    const outcome =
      i % 500 === 7 ? "unexpected" : i % 250 === 3 ? "flaky" : i % 100 === 5 ? "skipped" : "expected";
    return {
      title: `case ${i}`,
      project: i % 2 === 0 ? "api" : "ws",
      file: `suites/area-${i % 50}.spec.ts`,
      describe: [`group ${i % 50}`],
      outcome,
      latency,
      contracts: [SCHEMAS[i % SCHEMAS.length] ?? ""],
    };
  });
}
