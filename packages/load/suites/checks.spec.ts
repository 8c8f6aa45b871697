import { expect, test } from "@assay/test";
import {
  baselineOf,
  judgeLoad,
  type LoadFault,
  type LoadPart,
  mergeLoadParts,
  parseScenario,
  readLoadEnv,
  type Scenario,
  startRestartableService,
} from "../src/index.ts";
import { runLoadSlice } from "./runLoadSlice.ts";

// Proofs that the load checks catch what they hunt, under load: each test switches a service
// fault on for its own load users only (the service scopes faults per user) and asserts the
// driver's verdict names it. Their parts are attached as "fault-proof", never merged into the
// run's result.

const small = (name: string, extra: Partial<Scenario> & { faults?: LoadFault[] } = {}): Scenario =>
  parseScenario(
    {
      name,
      users: 8,
      stages: [
        { duration_s: 1, target_pct: 100 },
        { duration_s: 7, target_pct: 100 },
      ],
      think_time_ms: { min: 10, max: 60 },
      flows: { run: 8, project_switch: 1, memory: 1 },
      tools: { min: 0, max: 3 },
      run_timeout_ms: 5000,
      ...extra,
    },
    `checks.spec.ts (${name})`,
  );

const failedChecks = (verdict: ReturnType<typeof judgeLoad>) => verdict.checks.filter((c) => !c.pass);

test.describe.configure({ mode: "parallel" });

for (const [fault, kind, message] of [
  ["load_drop_event", "grammar|timeout", /missing seq \d+|delivered no terminal event/],
  ["load_duplicate_event", "grammar", /duplicate seq \d+: \w+ received twice/],
  ["load_leak_event", "leak", /user \d+'s socket received user \d+'s run [0-9a-f-]{36}: \w+ \(seq \d+\)/],
] as const) {
  test(`${fault}: a rare fault under load fails the verdict, naming it`, async ({ target }, testInfo) => {
    // One event in 200 goes wrong: the scenario runs again, with fresh users, until at least
    // twice that many events were checked, however slow the machine is today.
    const parts: LoadPart[] = [];
    for (let round = 1; round <= 6 && parts.reduce((n, p) => n + p.runs.events, 0) < 400; round += 1) {
      const scenario = small(`${fault.replaceAll("_", "-")}-${round}`, { faults: [fault] });
      const part = await runLoadSlice({ target, scenario, testInfo, attach: false });
      parts.push({ ...part, scenario: "faults", slices: [`${round}/6`] });
    }
    const result = mergeLoadParts(parts);
    const verdict = judgeLoad(result);
    const failed = failedChecks(verdict);
    expect(verdict.pass).toBe(false);
    expect(failed.map((c) => c.name).join(",")).toMatch(new RegExp(`^(${kind})(,(${kind}))*$`));
    expect(result.problems.examples.map((p) => p.message).join("\n")).toMatch(message);
    expect(result.runs.checked, "the rest of the traffic was checked too").toBeGreaterThan(40);
  });
}

test("load_slow_events: a slowed service fails the judge against a baseline taken without it", async ({
  target,
}, testInfo) => {
  const normal = mergeLoadParts([
    await runLoadSlice({
      target,
      scenario: small("judge", { users: 6, flows: { run: 1 } }),
      testInfo,
      attach: false,
    }),
  ]);
  const baseline = baselineOf(normal, 5);
  const slowed = mergeLoadParts([
    await runLoadSlice({
      target,
      scenario: small("judge", { users: 6, flows: { run: 1 }, faults: ["load_slow_events"] }),
      testInfo,
      attach: false,
    }),
  ]);
  const verdict = judgeLoad(slowed, { min_samples: 5 }, baseline);
  expect(
    verdict.pass,
    `baseline ${JSON.stringify(baseline.steps)}, slowed ${JSON.stringify(slowed.steps)}`,
  ).toBe(false);
  const failed = failedChecks(verdict)
    .map((c) => `${c.name}: ${c.detail}`)
    .join("\n");
  expect(failed).toMatch(
    /^baseline run: p95 [\d.]+ ms is [\d.]+% over the baseline [\d.]+ ms \(max \+10%\)$/m,
  );
  expect(failed, "only latency regressed: every event was still right").not.toMatch(
    /^(grammar|contract|leak|timeout|silence):/m,
  );
});

// The crash scenarios boot and restart a service of their own: local targets only (like the
// `database` project, they exist only where they can run). Each has its own port.
const crashCases = [
  {
    name: "crash (SIGTERM): every agent reconnects and every in-flight run ends with a terminal event",
    signal: "SIGTERM",
    asNewInstance: false,
  },
  {
    name: "crash (SIGKILL): every agent reconnects and the restarted service ends every run the killed one left",
    signal: "SIGKILL",
    asNewInstance: false,
  },
  {
    // The proof of the silence check: a service that comes back as another instance leaves the
    // killed one's runs "running" for ever.
    name: "crash (SIGKILL, back as another instance): each run left running is reported as silence",
    signal: "SIGKILL",
    asNewInstance: true,
  },
] as const;
const local = (readLoadEnv().ASSAY_TARGET || "local") === "local";
for (const [i, { name, signal, asNewInstance }] of (local ? crashCases : []).entries()) {
  test(name, async ({ target }, testInfo) => {
    const env = readLoadEnv();
    const service = await startRestartableService({
      port: Number(env.ASSAY_LOAD_SERVICE_PORT || 4571) + i,
      adminUrl: env.ASSAY_LOAD_PG_ADMIN_URL || "postgres://postgres@127.0.0.1:5432/postgres",
    });
    try {
      const scenario = small(`crash-${signal.toLowerCase()}${asNewInstance ? "-new-instance" : ""}`, {
        users: 6,
        flows: { run: 1 },
        // Long runs back to back: some are in flight when the service goes down.
        tools: { min: 1, max: 4 },
        think_time_ms: { min: 0, max: 10 },
        run_timeout_ms: 10_000,
        crash: { restart_at_s: 3, reconnect_within_ms: 30_000, signal },
      } as Partial<Scenario>);
      const part = await runLoadSlice({
        target,
        scenario,
        testInfo,
        attach: false,
        service: service.target,
        restart: () => service.restart(signal, { asNewInstance }),
      });
      const verdict = judgeLoad(mergeLoadParts([part]), { error_rate_max: 1 });
      const failed = failedChecks(verdict).map((c) => `${c.name}: ${c.detail}`);
      const problems = part.problems.examples.map((p) => `${p.kind}: ${p.message}`).join("\n");
      expect(part.crash?.ready_after_ms, "the service came back").toBeGreaterThan(0);
      expect(part.reconnects, `every agent reconnected\n${problems}`).toBeGreaterThanOrEqual(
        part.users.planned,
      );
      expect(part.users.done, `every agent got to the end\n${problems}`).toBe(part.users.planned);
      if (!asNewInstance) {
        // Strict: grammar, seq, tool pairing, contract, ownership all pass, with no silence.
        expect(failed, problems).toEqual([]);
        expect(
          part.runs.recovered,
          "runs in flight at the restart ended with their terminal event (live or replayed)",
        ).toBeGreaterThan(0);
      } else {
        expect(failed.map((c) => c.split(":")[0])).toContain("silence");
        expect(problems).toMatch(
          /no terminal event after the restart within \d+ ms and the service still says "running"/,
        );
        expect(
          failed.map((c) => c.split(":")[0]),
          "nothing but the lost runs went wrong",
        ).toEqual(["silence"]);
      }
    } finally {
      await service.stop();
    }
  });
}
