import { isDeepStrictEqual } from "node:util";
import { eventOf, type Frame, RUN_EVENT_TYPES } from "./Frame.ts";
import { measureRunLatency, type RunLatency } from "./measureRunLatency.ts";

/** @example const options: RunGrammarOptions = { tools: 2, terminal: "agent_completed" }; */
export type RunGrammarOptions = {
  /** Exact number of tool calls (tool_executing events) expected. */
  tools?: number;
  terminal?: "agent_completed" | "agent_error";
  /** Passed to {@link measureRunLatency} for the returned `latency` (its `first_event_ms`). */
  sentAt?: number;
  connectedAt?: number;
};

/** @example const { ok, problems }: RunGrammarResult = checkRunGrammar(frames); */
export type RunGrammarResult = { ok: boolean; problems: string[]; latency: RunLatency };

const TERMINAL = new Set(["agent_completed", "agent_error"]);

function listSeqs(seqs: number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < seqs.length; ) {
    let j = i;
    while (j + 1 < seqs.length && (seqs[j + 1] as number) === (seqs[j] as number) + 1) j += 1;
    ranges.push(i === j ? `${seqs[i]}` : `${seqs[i]}–${seqs[j]}`);
    i = j + 1;
  }
  return ranges.join(", ");
}

function checkSeq(frames: readonly Frame[], problems: string[]): Set<Frame> {
  const duplicates = new Set<Frame>();
  const seen = new Map<number, Frame>();
  // Gaps are judged at the end: a seq that arrives late is out of order, not missing.
  const jumps: { seq: number; previous: number; skipped: number[] }[] = [];
  const late: string[] = [];
  let previous = 0;
  for (const frame of frames) {
    const event = eventOf(frame) ?? {};
    const seq = event.seq;
    if (typeof seq !== "number" || !Number.isInteger(seq) || seq < 1) {
      problems.push(`${String(event.type)} (frame #${frame.seq}) has no seq ≥ 1`);
      continue;
    }
    const first = seen.get(seq);
    if (first) {
      const same = isDeepStrictEqual(first.data, frame.data);
      problems.push(
        `duplicate seq ${seq}: ${same ? `${String(event.type)} received twice` : `${String(eventOf(first)?.type)} and ${String(event.type)}`}`,
      );
      duplicates.add(frame);
      continue;
    }
    seen.set(seq, frame);
    if (seq > previous + 1) {
      jumps.push({
        seq,
        previous,
        skipped: Array.from({ length: seq - previous - 1 }, (_, i) => previous + 1 + i),
      });
    } else if (seq < previous) late.push(`seq ${seq} after seq ${previous}: out of order`);
    previous = Math.max(previous, seq);
  }
  for (const jump of jumps) {
    const missing = jump.skipped.filter((seq) => !seen.has(seq));
    if (missing.length === 0) continue;
    const where =
      jump.previous === 0 ? `first seq is ${jump.seq}` : `seq ${jump.seq} after seq ${jump.previous}`;
    problems.push(`${where}: missing seq ${listSeqs(missing)}`);
  }
  problems.push(...late);
  return duplicates;
}

const at = (type: unknown, event: Record<string, unknown>) => `${String(type)} (seq ${String(event.seq)})`;

/**
 * Checks the frames of ONE run, in receive order, against the agent grammar
 * `agent_started (agent_thinking | tool_executing tool_completed)* (agent_completed | agent_error)`,
 * plus: tool pairs share tool_call_id and tool_name, seq is 1, 2, 3… with no gap, duplicate or
 * reordering, nothing after the terminal event, one conversation_id. Pure: no socket, no clock.
 * Contract validation is the matcher's job.
 *
 * @example
 * const { ok, problems, latency } = checkRunGrammar(client.runEvents(runId), { tools: 1 });
 */
export function checkRunGrammar(frames: readonly Frame[], options: RunGrammarOptions = {}): RunGrammarResult {
  const problems: string[] = [];
  const latency = measureRunLatency(frames, { sentAt: options.sentAt, connectedAt: options.connectedAt });
  if (frames.length === 0) return { ok: false, problems: ["no events for this run"], latency };
  const duplicates = checkSeq(frames, problems);
  let state: "start" | "body" | "tool" | "done" = "start";
  let pending: Record<string, unknown> = {};
  let terminal: Record<string, unknown> | undefined;
  let tools = 0;
  const conversationId = eventOf(frames[0] as Frame)?.conversation_id;

  for (const frame of frames) {
    if (duplicates.has(frame)) continue;
    const event = eventOf(frame) ?? {};
    const type = event.type;
    if (event.conversation_id !== conversationId) {
      problems.push(
        `conversation_id mismatch: ${at(type, event)} has ${String(event.conversation_id)}, the run's is ${String(conversationId)}`,
      );
    }
    if (typeof type !== "string" || !RUN_EVENT_TYPES.has(type)) {
      problems.push(`unknown event type ${JSON.stringify(type)} (seq ${String(event.seq)})`);
      continue;
    }
    if (state === "done") {
      problems.push(`event after terminal ${String(terminal?.type)}: ${at(type, event)}`);
      continue;
    }
    if (state === "start") {
      if (type !== "agent_started")
        problems.push(`first event must be agent_started, got ${at(type, event)}`);
      state = "body";
      if (type === "agent_started") continue;
    }
    if (state === "tool") {
      state = "body";
      if (type === "tool_completed") {
        if (event.tool_call_id !== pending.tool_call_id) {
          problems.push(
            `tool_call_id mismatch: tool_executing ${String(pending.tool_call_id)}, tool_completed ${String(event.tool_call_id)} (seq ${String(event.seq)})`,
          );
        }
        if (event.tool_name !== pending.tool_name) {
          problems.push(
            `tool_name mismatch: tool_executing ${String(pending.tool_name)}, tool_completed ${String(event.tool_name)} (seq ${String(event.seq)})`,
          );
        }
        continue;
      }
      problems.push(
        `expected tool_completed after tool_executing (seq ${String(pending.seq)}), got ${at(type, event)}`,
      );
    }
    if (type === "agent_started") problems.push(`agent_started again: ${at(type, event)}`);
    else if (type === "tool_completed")
      problems.push(`tool_completed without a tool_executing before it: ${at(type, event)}`);
    else if (type === "tool_executing") {
      tools += 1;
      pending = event;
      state = "tool";
    } else if (TERMINAL.has(type)) {
      terminal = event;
      state = "done";
    }
  }

  if (!terminal) problems.push("no terminal event (agent_completed or agent_error)");
  else if (options.terminal && terminal.type !== options.terminal) {
    problems.push(`expected terminal ${options.terminal}, got ${at(terminal.type, terminal)}`);
  }
  if (options.tools !== undefined && tools !== options.tools) {
    problems.push(`expected ${options.tools} tool call${options.tools === 1 ? "" : "s"}, got ${tools}`);
  }
  return { ok: problems.length === 0, problems, latency };
}
