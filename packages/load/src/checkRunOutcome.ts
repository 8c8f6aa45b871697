import { checkRunGrammar, measureRunLatency, type RunLatency } from "@assay/ws";
import type { LatencyRecorder } from "./createLatencyRecorder.ts";
import type { ProblemLog } from "./createProblemLog.ts";
import type { RunOutcome } from "./openLoadSocket.ts";

/** @example const expected: RunExpectation = { tools: 2, terminal: "agent_completed" }; */
export type RunExpectation = {
  /** Exact tool calls; undefined when the run may have been cut short (a restart). */
  tools?: number;
  terminal?: "agent_completed" | "agent_error";
};

/**
 * Judges one run as its socket saw it: the grammar (order, seq with no gap, duplicate or
 * reordering, tool pairing, one conversation, nothing after the terminal event) over every frame
 * when `checked`, and records its latency (first event from `sentAt`, each tool call, the whole
 * run). Returns whether the run passed.
 *
 * @example
 * const ok = checkRunOutcome(outcome, { user: "user 1", expected: { tools: 1 }, sentAt, checked: true, latency, problems });
 */
export function checkRunOutcome(
  outcome: RunOutcome,
  input: {
    user: string;
    expected: RunExpectation;
    /** {@link wallNow} when the message was posted. */
    sentAt: number;
    checked: boolean;
    latency: LatencyRecorder;
    problems: ProblemLog;
  },
): boolean {
  const { user, latency, problems } = input;
  const before = problems.total;
  const at = { sentAt: input.sentAt, connectedAt: 0 };
  let measured: RunLatency | undefined;
  if (input.checked) {
    const grammar = checkRunGrammar(outcome.frames, { ...input.expected, ...at });
    measured = grammar.latency;
    for (const problem of grammar.problems) {
      // A run that ended by timeout is reported once as such, not again as "no terminal event".
      if (outcome.end !== "terminal" && problem.startsWith("no terminal event")) continue;
      if (outcome.end !== "terminal" && problem === "no events for this run") continue;
      problems.add("grammar", user, `run ${outcome.runId}: ${problem}`);
    }
  }
  if (outcome.end === "terminal") {
    measured ??= measureRunLatency(outcome.frames, at);
    if (measured.first_event_ms !== null) latency.record("first_event", measured.first_event_ms);
    for (const call of measured.tool_calls) latency.record("tool_call", call.ms);
    if (measured.run_ms !== null) latency.record("run", measured.run_ms);
  }
  return problems.total === before;
}
