import { annotate } from "@assay/contracts";
import { expect, test } from "@assay/test";
import {
  CORRECTNESS,
  loadScenarioFile,
  type RestartableService,
  readLoadEnv,
  readScenario,
  ScenarioError,
  startRestartableService,
} from "../src/index.ts";
import { runLoadSlice } from "./runLoadSlice.ts";

// The scenario of this run (ASSAY_LOAD_SCENARIO, default the smoke scenario), split over the
// Playwright workers: one test per worker, each with its share of the users. The load reporter
// adds their parts up into reports/load/result.json and judges the whole.
const env = readLoadEnv();
const scenario = (() => {
  try {
    return readScenario(loadScenarioFile(env), env);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
})();
// The crash scenario restarts the one service it booted: one worker drives it.
const slices = scenario.crash ? 1 : Number(env.ASSAY_LOAD_WORKERS || env.ASSAY_WORKERS || 2);

test.describe.configure({ mode: "parallel" });

for (let index = 1; index <= slices; index += 1) {
  test(`${scenario.name}: ${scenario.users} users, worker ${index}/${slices}`, async ({
    target,
  }, testInfo) => {
    const crash = scenario.crash;
    let service: RestartableService | undefined;
    if (crash) {
      if (target.kind !== "local")
        throw new Error("[assay/load] the crash scenario restarts the service itself: local targets only.");
      service = await startRestartableService({
        port: Number(env.ASSAY_LOAD_SERVICE_PORT || 4571),
        adminUrl: env.ASSAY_LOAD_PG_ADMIN_URL || "postgres://postgres@127.0.0.1:5432/postgres",
      });
    }
    const restarting = service;
    try {
      const part = await runLoadSlice({
        target,
        scenario,
        slice: { index, count: slices },
        testInfo,
        service: restarting?.target,
        restart: restarting && crash ? () => restarting.restart(crash.signal) : undefined,
      });
      // The release gate counts leaks by this annotation, as for the isolation suites.
      for (const example of part.problems.examples.filter((p) => p.kind === "leak"))
        annotate("assay:leak", `${example.user}: ${example.message}`);
      const problems = part.problems.examples.map((p) => `${p.kind} · ${p.user}: ${p.message}`).join("\n");
      const wrong = CORRECTNESS.filter((kind) => (part.problems.counts[kind] ?? 0) > 0);
      expect(wrong, `this worker's problems:\n${problems}`).toEqual([]);
      expect(part.runs.checked, "runs checked").toBeGreaterThan(0);
      expect(part.users.done, `agents done; problems:\n${problems}`).toBe(part.users.planned);
    } finally {
      await restarting?.stop();
    }
  });
}
