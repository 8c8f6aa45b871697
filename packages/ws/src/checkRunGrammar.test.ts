import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildRun } from "./buildRun.ts";
import { checkRunGrammar } from "./checkRunGrammar.ts";
import { defineRunGrammar } from "./defineRunGrammar.ts";
import type { Frame } from "./Frame.ts";

const frames = (events: unknown[]): Frame[] =>
  events.map((data, seq) => ({ seq, at: seq * 10, data, size: 0 }));
const problems = (events: unknown[], options = {}) => checkRunGrammar(frames(events), options).problems;

describe("checkRunGrammar", () => {
  it("accepts a run with no tool, a run with two tools, and an agent_error run", () => {
    assert.deepEqual(
      problems(buildRun(["thinking", "completed"]), { tools: 0, terminal: "agent_completed" }),
      [],
    );
    assert.deepEqual(
      problems(buildRun(["thinking", "tool:echo", "tool:clock", "thinking", "completed"]), { tools: 2 }),
      [],
    );
    assert.deepEqual(problems(buildRun(["thinking", "error"]), { terminal: "agent_error" }), []);
  });

  // Catches latency taken from the events' own ts (the service's clock) instead of receive times.
  it("reports latency from receive times", () => {
    const { latency, ok } = checkRunGrammar(frames(buildRun(["tool:echo", "completed"])));
    assert.equal(ok, true);
    assert.deepEqual(latency, {
      first_event_ms: null,
      tool_calls: [{ tool_call_id: "call_1", tool_name: "echo", ms: 10 }],
      run_ms: 30,
    });
  });

  it("names a wrong order: tool_completed missing after tool_executing", () => {
    const events = buildRun(["thinking", "tool:echo", "completed"]);
    events.splice(3, 1); // drop tool_completed (seq 4), renumber
    for (const [i, event] of events.entries()) event.seq = i + 1;
    assert.deepEqual(problems(events), [
      "expected tool_completed after tool_executing (seq 3), got agent_completed (seq 4)",
    ]);
  });

  it("names a missing event as a seq gap", () => {
    const events = buildRun(["thinking", "thinking", "completed"]);
    events.splice(2, 1);
    assert.deepEqual(problems(events), ["seq 4 after seq 2: missing seq 3"]);
  });

  it("names a reordering", () => {
    const events = buildRun(["thinking", "thinking", "completed"]);
    assert.deepEqual(problems([events[0], events[2], events[1], events[3]]), [
      "seq 2 after seq 3: out of order",
    ]);
  });

  it("names a duplicate event and a duplicate seq", () => {
    const events = buildRun(["thinking", "completed"]);
    assert.deepEqual(problems([...events.slice(0, 2), events[1], events[2]]), [
      "duplicate seq 2: agent_thinking received twice",
    ]);
    const clash = { ...events[1], type: "tool_executing", tool_call_id: "c", tool_name: "echo", input: {} };
    assert.deepEqual(problems([...events.slice(0, 2), clash, events[2]]), [
      "duplicate seq 2: agent_thinking and tool_executing",
    ]);
  });

  it("names an event after the terminal one", () => {
    const events = buildRun(["thinking", "completed"]);
    events.push({ ...events[1], seq: 4, step: 2 });
    assert.deepEqual(problems(events), ["event after terminal agent_completed: agent_thinking (seq 4)"]);
  });

  it("names a tool_call_id and a tool_name mismatch", () => {
    const events = buildRun(["tool:echo", "completed"]);
    Object.assign(events[2] as object, { tool_call_id: "call_b", tool_name: "clock" });
    assert.deepEqual(problems(events), [
      "tool_call_id mismatch: tool_executing call_1, tool_completed call_b (seq 3)",
      "tool_name mismatch: tool_executing echo, tool_completed clock (seq 3)",
    ]);
  });

  it("names an unknown type, a wrong first event and a missing terminal", () => {
    const events = buildRun(["thinking", "completed"]);
    Object.assign(events[1] as object, { type: "agent_paused" });
    assert.deepEqual(problems(events), ['unknown event type "agent_paused" (seq 2)']);
    assert.deepEqual(
      problems(
        buildRun(["thinking"])
          .slice(1)
          .map((e) => ({ ...e, seq: 1 })),
      ),
      [
        "first event must be agent_started, got agent_thinking (seq 1)",
        "no terminal event (agent_completed or agent_error)",
      ],
    );
  });

  it("checks the tool count, the terminal type and one conversation_id", () => {
    assert.deepEqual(problems(buildRun(["tool:echo", "completed"]), { tools: 2 }), [
      "expected 2 tool calls, got 1",
    ]);
    assert.deepEqual(problems(buildRun(["error"]), { terminal: "agent_completed" }), [
      "expected terminal agent_completed, got agent_error (seq 2)",
    ]);
    const events = buildRun(["thinking", "completed"]);
    Object.assign(events[1] as object, { conversation_id: "other" });
    assert.match(
      problems(events).join("\n"),
      /^conversation_id mismatch: agent_thinking \(seq 2\) has other, the run's is /,
    );
  });

  it("lists every missing seq, including a missing start", () => {
    const events = buildRun(["thinking", "thinking", "thinking", "thinking", "thinking", "completed"]);
    assert.deepEqual(problems([events[2], events[3], events[6]]), [
      "first seq is 3: missing seq 1–2",
      "seq 7 after seq 4: missing seq 5–6",
      "first event must be agent_started, got agent_thinking (seq 3)",
    ]);
  });

  it("fails on no events at all", () => {
    assert.deepEqual(problems([]), ["no events for this run"]);
  });
});

/** A grammar of one's own: a queued job runs once, then is done or failed. */
const jobGrammar = defineRunGrammar({
  start: "job_queued",
  next: {
    job_queued: ["job_running"],
    job_running: ["job_progress", "job_done", "job_failed"],
    job_progress: ["job_progress", "job_done", "job_failed"],
  },
  terminal: ["job_done", "job_failed"],
  runKey: "job_id",
  seqKey: "n",
  sameKeys: ["queue"],
});
const job = (...types: string[]) => types.map((type, i) => ({ type, job_id: "j1", queue: "q", n: i + 1 }));
const jobProblems = (events: unknown[], options = {}) =>
  checkRunGrammar(frames(events), { grammar: jobGrammar, ...options }).problems;

describe("checkRunGrammar with a grammar of one's own", () => {
  it("accepts runs that follow it, the terminal named", () => {
    assert.deepEqual(jobProblems(job("job_queued", "job_running", "job_done"), { terminal: "job_done" }), []);
    assert.deepEqual(
      jobProblems(job("job_queued", "job_running", "job_progress", "job_progress", "job_failed")),
      [],
    );
  });

  // Catches a grammar that is only the agent's under another name: each rule of this one is enforced.
  it("names a skipped step, a wrong first event, a repeat, its own seq key and same keys", () => {
    assert.deepEqual(jobProblems(job("job_queued", "job_done")), [
      "expected job_running after job_queued (n 1), got job_done (n 2)",
    ]);
    assert.deepEqual(jobProblems(job("job_running", "job_done")), [
      "first event must be job_queued, got job_running (n 1)",
    ]);
    assert.deepEqual(jobProblems(job("job_queued", "job_running", "job_queued", "job_done")), [
      "job_queued again: job_queued (n 3)",
    ]);
    const events = job("job_queued", "job_running", "job_done");
    Object.assign(events[2] as object, { n: 4, queue: "other" });
    assert.deepEqual(jobProblems(events, { terminal: "job_failed" }), [
      "n 4 after n 2: missing n 3",
      "queue mismatch: job_done (n 4) has other, the run's is q",
      "expected terminal job_failed, got job_done (n 4)",
    ]);
    assert.deepEqual(jobProblems(job("job_queued", "job_running", "agent_completed")), [
      'unknown event type "agent_completed" (n 3)',
      "no terminal event (job_done or job_failed)",
    ]);
  });

  it("checks pairs by their keys and names events by place when there is no seq key", () => {
    const calls = defineRunGrammar({
      start: "open",
      next: { open: ["call", "close"], call: ["result"], result: ["call", "close"] },
      terminal: ["close"],
      runKey: "session",
      seqKey: null,
      pairs: [{ open: "call", close: "result", keys: ["call_id"], name: "call" }],
    });
    const events = [
      { type: "open", session: "s" },
      { type: "call", session: "s", call_id: "a" },
      { type: "result", session: "s", call_id: "b" },
      { type: "call", session: "s", call_id: "c" },
      { type: "close", session: "s" },
    ];
    assert.deepEqual(checkRunGrammar(frames(events), { grammar: calls, tools: 1 }).problems, [
      "call_id mismatch: call a, result b (event #3)",
      "expected result after call (event #4), got close (event #5)",
      "expected 1 call, got 2",
    ]);
  });

  it("refuses options that do not fit the grammar", () => {
    assert.throws(() => jobProblems(job("job_queued"), { terminal: "agent_completed" }), {
      message:
        '[assay/ws] options.terminal "agent_completed" is not a terminal event of the grammar (job_done, job_failed).',
    });
    assert.throws(() => jobProblems(job("job_queued"), { tools: 1 }), {
      message: "[assay/ws] options.tools counts the grammar's first pair, and this grammar has no pairs.",
    });
  });
});
