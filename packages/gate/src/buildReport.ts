import type { Shard } from "./checkShards.ts";
import type { Outcome } from "./collectTests.ts";

/** A test to put in a synthetic report; everything but the title has a default. */
export type FixtureTest = {
  title: string;
  file?: string;
  describe?: string[];
  project?: string;
  outcome?: Outcome;
  latency?: [step: string, ms: number][];
  contracts?: string[];
  leaks?: string[];
};
type Json = Record<string, unknown>;

const RESULTS: Record<Outcome, ("passed" | "failed" | "skipped")[]> = {
  expected: ["passed"],
  unexpected: ["failed", "failed"],
  flaky: ["failed", "passed"],
  skipped: ["skipped"],
};

/**
 * Builds a synthetic Playwright JSON report in the exact shape of the JSON reporter
 * (file suites → describe suites → specs → tests → results, retries 1), for tests and the bench.
 * Assay annotations land on the last result and, as Playwright does, are mirrored on the test.
 * The run started at `startTime` (default 2026-01-01T00:00:00Z) and took 1 s.
 *
 * @example
 * const report = buildReport([{ title: "answers", outcome: "flaky", latency: [["run", 120]] }], { shard: { current: 1, total: 2 } });
 */
export function buildReport(
  tests: readonly FixtureTest[],
  run: { shard?: Shard | null; startTime?: string } = {},
): Json {
  const shard = run.shard ?? null;
  const files = new Map<string, Json>();
  const stats = { expected: 0, unexpected: 0, flaky: 0, skipped: 0 };
  for (const t of tests) {
    const file = t.file ?? "suites/example.spec.ts";
    let suite = files.get(file);
    if (!suite) {
      suite = { title: file, file, line: 0, column: 0, specs: [] };
      files.set(file, suite);
    }
    for (const title of t.describe ?? []) {
      if (!suite.suites) suite.suites = [];
      const children = suite.suites as Json[];
      const found = children.find((s) => s.title === title);
      suite = found ?? { title, file, line: 1, column: 1, specs: [] };
      if (!found) children.push(suite);
    }
    const outcome = t.outcome ?? "expected";
    stats[outcome] += 1;
    const annotations = [
      ...(t.contracts ?? []).map((id) => ({ type: "assay:contract", description: id })),
      ...(t.latency ?? []).map(([step, ms]) => ({
        type: "assay:latency",
        description: JSON.stringify({ step, ms }),
      })),
      ...(t.leaks ?? []).map((what) => ({ type: "assay:leak", description: what })),
    ];
    const statuses = RESULTS[outcome];
    const results = statuses.map((status, retry) => ({
      workerIndex: retry,
      parallelIndex: 0,
      status,
      duration: 12,
      errors: status === "failed" ? [{ message: "Error: expect(received).toBe(expected)" }] : [],
      stdout: [],
      stderr: [],
      retry,
      startTime: "2026-01-01T00:00:00.000Z",
      annotations: retry === statuses.length - 1 ? annotations : [],
      attachments: [],
      ...(status === "failed" ? { error: { message: "Error: expect(received).toBe(expected)" } } : {}),
    }));
    const project = t.project ?? "api";
    (suite.specs as Json[]).push({
      title: t.title,
      ok: outcome !== "unexpected",
      tags: [],
      tests: [
        {
          timeout: 30000,
          annotations,
          expectedStatus: outcome === "skipped" ? "skipped" : "passed",
          projectId: project,
          projectName: project,
          results,
          status: outcome,
        },
      ],
      id: `${files.size}-${(suite.specs as Json[]).length}`,
      file,
      line: 3,
      column: 1,
    });
  }
  return {
    config: {
      rootDir: "/repo",
      shard,
      workers: 1,
      metadata: { actualWorkers: 1 },
      projects: [],
      version: "1.65.1",
    },
    suites: [...files.values()],
    errors: [],
    stats: { startTime: run.startTime ?? RUN_START, duration: 1000, ...stats },
  };
}

const RUN_START = "2026-01-01T00:00:00.000Z";

/**
 * A contract coverage file as `@assay/contracts/reporter` writes it for a run that started at
 * `startTime` (default: the same start as `buildReport`'s, so the two belong together).
 *
 * @example
 * const coverage = buildCoverage(["http/health.v1"], { exercised: [] });
 */
export function buildCoverage(
  schemas: readonly string[],
  run: { exercised?: readonly string[]; startTime?: string; shard?: string } = {},
): Json {
  const exercised = [...(run.exercised ?? schemas)].sort();
  const missing = schemas.filter((id) => !exercised.includes(id));
  return {
    run: { id: "run-test", shard: run.shard ?? "1/1", started_at: run.startTime ?? RUN_START },
    schemas: [...schemas].sort(),
    exercised,
    missing,
    percent: schemas.length
      ? Math.floor(((schemas.length - missing.length) * 1000) / schemas.length) / 10
      : 100,
    generated_at: run.startTime ?? RUN_START,
  };
}
