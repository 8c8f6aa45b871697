import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fakeResult } from "./fakeResult.ts";
import { baselineOf, judgeLoad } from "./judgeLoad.ts";

const steady = (ms: number, n = 100) => Array.from({ length: n }, () => ms);
const failed = (verdict: ReturnType<typeof judgeLoad>) =>
  verdict.checks.filter((c) => !c.pass).map((c) => c.name);

describe("judgeLoad", () => {
  const baseline = baselineOf(fakeResult({ run: steady(100), first_event: steady(20) }));

  it("fails a step whose p95 is 15% over the baseline, naming it and the figures", () => {
    const verdict = judgeLoad(fakeResult({ run: steady(115), first_event: steady(20) }), {}, baseline);
    assert.equal(verdict.pass, false);
    assert.deepEqual(failed(verdict), ["baseline run"]);
    assert.match(
      verdict.checks.find((c) => c.name === "baseline run")?.detail ?? "",
      /^p95 115\.\d+ ms is 15(\.\d)?% over the baseline 100\.\d+ ms \(max \+10%\)$/,
    );
  });

  it("passes steps within 10% of the baseline, and faster ones", () => {
    assert.equal(
      judgeLoad(fakeResult({ run: steady(109), first_event: steady(15) }), {}, baseline).pass,
      true,
    );
    assert.equal(
      judgeLoad(fakeResult({ run: steady(110), first_event: steady(20) }), {}, baseline).pass,
      true,
    );
  });

  it("fails a p95 over its budget, and a budget or baseline step with too few samples", () => {
    const verdict = judgeLoad(
      fakeResult({ run: steady(100), first_event: steady(20, 5) }),
      { latency_p95_ms: { run: 50, tool_call: 10 } },
      baseline,
    );
    assert.deepEqual(failed(verdict), ["p95 run", "p95 tool_call", "baseline first_event"]);
    assert.match(
      verdict.checks.find((c) => c.name === "p95 tool_call")?.detail ?? "",
      /^0 sample\(s\), fewer than 20/,
    );
  });

  it("fails any correctness problem, a run that checked nothing, and agents that did not finish", () => {
    const broken = fakeResult(
      { run: steady(10) },
      {
        problems: {
          total: 1,
          counts: { leak: 1 },
          examples: [
            {
              kind: "leak",
              user: "user 2",
              message: "user 2's socket received user 1's run r: agent_thinking (seq 2)",
            },
          ],
        },
        runs: { started: 5, checked: 0, passed: 0, events: 0, recovered: 0 },
        users: { planned: 10, started: 10, done: 9, failed: 1 },
      },
    );
    const verdict = judgeLoad(broken);
    assert.deepEqual(failed(verdict), ["leak", "checked", "agents_done"]);
    assert.match(
      verdict.checks[2]?.detail ?? "",
      /^1 problem\(s\), e\.g\. user 2: user 2's socket received user 1's run/,
    );
  });

  it("fails an error rate over 1%", () => {
    const verdict = judgeLoad(
      fakeResult(
        { run: steady(10) },
        {
          problems: {
            total: 3,
            counts: { http: 3 },
            examples: [
              {
                kind: "http",
                user: "user 1",
                message: "POST /v1/conversations: HTTP 500 (internal), expected 201",
              },
            ],
          },
        },
      ),
    );
    assert.deepEqual(failed(verdict), ["error_rate"]);
  });

  it("notes a baseline from another machine and refuses one of another scenario", () => {
    const other = { ...baseline, machine: { ...baseline.machine, hostname: "laptop" } };
    assert.match(
      judgeLoad(fakeResult({ run: steady(100), first_event: steady(20) }), {}, other).notes[0] ?? "",
      /^baseline taken on laptop/,
    );
    assert.throws(
      () => judgeLoad(fakeResult({}), {}, { ...baseline, scenario: "soak" }),
      /baseline is of scenario "soak"/,
    );
  });

  it("will not take a broken run as a baseline", () => {
    assert.throws(
      () =>
        baselineOf(
          fakeResult({ run: steady(10) }, { problems: { total: 1, counts: { grammar: 1 }, examples: [] } }),
        ),
      /cannot be a baseline: it has grammar problems/,
    );
    assert.deepEqual(Object.keys(baselineOf(fakeResult({ run: steady(10), connect: steady(5, 3) })).steps), [
      "run",
    ]);
  });
});
