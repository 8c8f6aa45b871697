import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildRun } from "./buildRun.ts";
import { checkRunGrammar } from "./checkRunGrammar.ts";
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
