import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { agentRunGrammar } from "./agentRunGrammar.ts";
import { defineRunGrammar, grammarTypes, type RunGrammar } from "./defineRunGrammar.ts";
import { RUN_EVENT_TYPES } from "./Frame.ts";

const base: RunGrammar = {
  start: "job_queued",
  next: { job_queued: ["job_running"], job_running: ["job_done"] },
  terminal: ["job_done"],
  runKey: "job_id",
  seqKey: "seq",
};
const refused = (change: Partial<RunGrammar>) => () => defineRunGrammar({ ...base, ...change });

describe("defineRunGrammar", () => {
  it("returns a whole grammar as it is; the agent grammar names the run event types", () => {
    const grammar = { ...base };
    assert.equal(defineRunGrammar(grammar), grammar);
    assert.deepEqual(grammarTypes(agentRunGrammar), RUN_EVENT_TYPES);
    assert.deepEqual([...RUN_EVENT_TYPES].sort(), [
      "agent_completed",
      "agent_error",
      "agent_started",
      "agent_thinking",
      "tool_completed",
      "tool_executing",
    ]);
  });

  // Catches a grammar mistake that would otherwise fail every run with a puzzling message.
  it("refuses a grammar with a dead end, an unreachable event, a terminal with successors or a loose pair", () => {
    assert.throws(refused({ next: { job_queued: ["job_running"], job_running: ["job_stuck"] } }), {
      message: "[assay/ws] run grammar: job_stuck is neither terminal nor in next: say what may follow it.",
    });
    assert.throws(refused({ next: { ...base.next, job_retry: ["job_done"] } }), {
      message: "[assay/ws] run grammar: job_retry cannot be reached from job_queued.",
    });
    assert.throws(refused({ next: { ...base.next, job_done: ["job_queued"] } }), {
      message: "[assay/ws] run grammar: job_done is terminal, so next must not list events after it.",
    });
    assert.throws(refused({ pairs: [{ open: "job_queued", close: "job_done", keys: ["job_id"] }] }), {
      message:
        '[assay/ws] run grammar: pair job_queued → job_done: next.job_queued must be exactly ["job_done"].',
    });
    assert.throws(refused({ terminal: [] }), {
      message: "[assay/ws] run grammar: terminal must list at least one event.",
    });
    assert.throws(refused({ runKey: "" }), {
      message: "[assay/ws] run grammar: runKey must name the key holding the run's id.",
    });
  });
});
