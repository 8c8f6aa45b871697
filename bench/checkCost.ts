/**
 * Part of bench/load.bench.ts (not a benchmark on its own): where the CPU of one checked event
 * goes, each stage timed alone in this process over the same 8-event runs bench/loadServer.ts
 * sends, no sockets. It places the throughput ratio: the bare client pays the parse, Assay pays
 * every stage, and what the stages leave of the measured gap is the socket's per-run
 * bookkeeping (claiming, timers, frames kept until the run ends) and its garbage.
 */
import { randomUUID } from "node:crypto";
import { checkEventContract } from "../packages/load/src/checkEventContract.ts";
import { checkRunOutcome } from "../packages/load/src/checkRunOutcome.ts";
import { createLatencyRecorder } from "../packages/load/src/createLatencyRecorder.ts";
import { createProblemLog } from "../packages/load/src/createProblemLog.ts";
import { parseEventTime } from "../packages/load/src/parseEventTime.ts";

const RUNS = 2000;
const REPEATS = 30;
const EVENTS_PER_RUN = 8;

/** One run as text frames: agent_started, thinking, 2 tool pairs, thinking, agent_completed. */
function runFrames(): Buffer[] {
  const ts = new Date().toISOString();
  const id = randomUUID();
  const base = `"run_id":"${randomUUID()}","conversation_id":"${randomUUID()}"`;
  const frames: Buffer[] = [];
  let seq = 0;
  const add = (type: string, extra: string) =>
    frames.push(Buffer.from(`{"type":"${type}",${base},"seq":${++seq},"ts":"${ts}",${extra}}`));
  add("agent_started", `"message_id":"${id}"`);
  add("agent_thinking", `"step":1`);
  for (let i = 0; i < 2; i += 1) {
    const call = `"tool_call_id":"call_${i}_${id}","tool_name":"echo"`;
    add("tool_executing", `${call},"input":{"text":"bench"}`);
    add("tool_completed", `${call},"output":{"text":"bench"},"duration_ms":0.1`);
  }
  add("agent_thinking", `"step":2`);
  add("agent_completed", `"message_id":"${id}","content":"Echo: bench"`);
  return frames;
}

/** µs per event of each stage; throws when a stage finds a problem in these valid runs. */
export function checkCost(): Record<string, number> {
  const runs = Array.from({ length: RUNS }, runFrames);
  const parsed = runs.map((frames) =>
    frames.map((raw) => JSON.parse(raw.toString()) as Record<string, unknown>),
  );
  const latency = createLatencyRecorder();
  const problems = createProblemLog();
  const expected = { tools: 2, terminal: "agent_completed" as const };
  const outcomes = parsed.map((events) => ({
    runId: String(events[0]?.run_id),
    end: "terminal" as const,
    frames: events.map((data, i) => ({ seq: i, at: 1000 + i, data, size: 200 })),
  }));
  let invalid = 0;
  const stages: Record<string, () => void> = {
    "JSON.parse (both sides)": () => {
      for (const frames of runs) for (const raw of frames) JSON.parse(raw.toString());
    },
    "contract (ajv)": () => {
      for (const events of parsed) for (const event of events) invalid += checkEventContract(event).length;
    },
    "delivery latency (ts + HDR)": () => {
      for (const events of parsed)
        for (const event of events) latency.record("event_delivery", 2e12 - parseEventTime(event.ts));
    },
    "run grammar, seq, pairing, run latency": () => {
      for (const outcome of outcomes)
        checkRunOutcome(outcome, { user: "u", expected, sentAt: 990, checked: true, latency, problems });
    },
  };
  const out: Record<string, number> = {};
  for (const [name, stage] of Object.entries(stages)) {
    stage();
    const started = performance.now();
    for (let i = 0; i < REPEATS; i += 1) stage();
    out[name] = ((performance.now() - started) * 1000) / (REPEATS * RUNS * EVENTS_PER_RUN);
  }
  if (invalid > 0 || problems.total > 0)
    throw new Error(
      `bench: the check-cost runs gave ${invalid} contract errors and ${problems.total} problems`,
    );
  return out;
}
