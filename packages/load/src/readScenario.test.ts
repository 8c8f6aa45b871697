import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseScenario, readScenario, scenarioDuration } from "./readScenario.ts";

const base = {
  name: "t",
  users: 4,
  stages: [{ duration_s: 2, target_pct: 100 }],
  think_time_ms: { min: 0, max: 10 },
  flows: { run: 1 },
};
const parse = (value: unknown, env = {}) => parseScenario(value, "t.json", env);

describe("readScenario", () => {
  it("reads every scenario shipped in scenarios/", () => {
    const dir = join(import.meta.dirname, "..", "scenarios");
    for (const file of readdirSync(dir)) {
      const scenario = readScenario(join(dir, file));
      assert.ok(scenario.users >= 1 && scenarioDuration(scenario) > 0, file);
    }
  });

  it("fills defaults: every run checked, 0-3 tools, no faults", () => {
    const scenario = parse(base);
    assert.deepEqual(scenario.sampling, { allowed: false, rate: 1 });
    assert.deepEqual(scenario.tools, { min: 0, max: 3 });
    assert.deepEqual(scenario.faults, []);
    assert.equal(scenario.run_timeout_ms, 30_000);
    assert.equal("crash" in scenario, false);
  });

  it("gives one line naming each bad field", () => {
    assert.throws(
      () => parse({ ...base, users: 0, stages: [{ duration_s: 1 }], extra: 1 }),
      (error: Error) => {
        assert.equal(error.name, "ScenarioError");
        assert.doesNotMatch(error.message, /\n/);
        assert.match(error.message, /^\[assay\/load\] scenario t\.json: /);
        assert.match(error.message, /\/ has an unknown key "extra"/);
        assert.match(error.message, /\/users must be >= 1/);
        assert.match(error.message, /\/stages\/0 needs "target_pct"/);
        return true;
      },
    );
    assert.throws(
      () => parse({ ...base, faults: ["leak_events"] }),
      /\/faults\/0 must be one of load_drop_event/,
    );
  });

  it("refuses sampling unless the scenario allows it, and rules the schema cannot say", () => {
    assert.throws(() => parse({ ...base, sampling: { allowed: false, rate: 0.5 } }), /needs allowed: true/);
    assert.deepEqual(parse({ ...base, sampling: { allowed: true, rate: 0.5 } }).sampling, {
      allowed: true,
      rate: 0.5,
    });
    assert.throws(() => parse({ ...base, think_time_ms: { min: 5, max: 1 } }), /min is above max/);
    assert.throws(() => parse({ ...base, flows: { run: 0 } }), /at least one weight above 0/);
    assert.throws(
      () => parse({ ...base, crash: { restart_at_s: 5 } }),
      /must fall within the stages \(2 s\)/,
    );
  });

  it("applies ASSAY_LOAD_USERS and ASSAY_LOAD_DURATION_S, naming a bad value", () => {
    const scenario = parse(
      {
        ...base,
        stages: [
          { duration_s: 1, target_pct: 100 },
          { duration_s: 3, target_pct: 100 },
        ],
      },
      { ASSAY_LOAD_USERS: "50", ASSAY_LOAD_DURATION_S: "40" },
    );
    assert.equal(scenario.users, 50);
    assert.deepEqual(
      scenario.stages.map((s) => s.duration_s),
      [10, 30],
    );
    assert.throws(
      () => parse(base, { ASSAY_LOAD_USERS: "many" }),
      /ASSAY_LOAD_USERS must be an integer 1-100000, got "many"/,
    );
    assert.throws(() => parse(base, { ASSAY_LOAD_DURATION_S: "-1" }), /ASSAY_LOAD_DURATION_S must be/);
  });

  it("names an unreadable file and a file that is not JSON", () => {
    assert.throws(
      () => readScenario("/nonexistent.json"),
      /cannot be read \(ENOENT\): set ASSAY_LOAD_SCENARIO/,
    );
    assert.throws(() => readScenario(import.meta.filename), /is not JSON/);
  });
});
