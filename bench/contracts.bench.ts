// Measures what toMatchContract costs over calling the compiled ajv validator directly, on
// ~10k realistic WebSocket frames. Run: node bench/contracts.bench.ts
import { randomUUID } from "node:crypto";
import os from "node:os";
import { contracts, eventContractId, toMatchContract } from "@assay/contracts";
import type { ExpectMatcherState, MatcherReturnType } from "@playwright/test";
import { formatPairedRatio, pairedRatio } from "./pairedRatio.ts";

const TARGET = 0.9;
const EVENTS = 10_000;
const ROUNDS = 21;
const CHUNK = 250;
// Tries per side per round; the fastest counts, so other processes' time stays out (pairedRatio.ts).
const REPEATS = 3;

type Frame = Record<string, unknown> & { type: string };

/** Frames as a busy socket sees them: runs with tool calls, some failures, pings, errors. */
function buildFrames(count: number): Frame[] {
  const frames: Frame[] = [];
  const start = Date.parse("2026-01-15T10:00:00.000Z");
  const ts = () => new Date(start + frames.length * 7).toISOString();
  frames.push({
    type: "session_ready",
    session_id: randomUUID(),
    user_id: randomUUID(),
    project_id: randomUUID(),
    ts: ts(),
  });
  for (let run = 0; frames.length < count; run++) {
    const base = { run_id: randomUUID(), conversation_id: randomUUID() };
    let seq = 1;
    const push = (type: string, extra: Record<string, unknown>) =>
      frames.push({ type, ...base, seq: seq++, ts: ts(), ...extra });
    push("agent_started", { message_id: randomUUID() });
    push("agent_thinking", { step: 1 });
    for (let tool = 0; tool < run % 3; tool++) {
      const call = { tool_call_id: `call_${run}_${tool}`, tool_name: "word_count" };
      push("tool_executing", { ...call, input: { text: `run ${run} tool ${tool}` } });
      push("tool_completed", { ...call, output: { words: 4 }, duration_ms: (run % 17) + 0.25 });
    }
    if (run % 3 > 0) push("agent_thinking", { step: 2 });
    if (run % 10 === 9)
      push("agent_error", { error: { code: "upstream_error", message: "Upstream answered 500." } });
    else push("agent_completed", { message_id: randomUUID(), content: `Echo: message ${run}` });
    if (run % 5 === 0) frames.push({ type: "pong", ts: ts(), id: `ping-${run}` });
    if (run % 50 === 0) {
      const error = {
        code: "unknown_message_type",
        message: "Unknown message type.",
        correlation_id: randomUUID(),
      };
      frames.push({ type: "error", error });
    }
  }
  return frames.slice(0, count);
}

const frames = buildFrames(EVENTS);
const ids = frames.map((frame) => eventContractId(frame.type));
const validators = ids.map((id) => contracts.validator(id));
const state = { isNot: false } as ExpectMatcherState;
// The plain-value signature of the matcher, as Playwright calls it for a frame.
const match: (
  this: ExpectMatcherState,
  received: unknown,
  id: string,
) => MatcherReturnType | Promise<MatcherReturnType> = toMatchContract;

function direct(from: number, to: number): void {
  for (let i = from; i < to; i++) {
    if (!validators[i]?.(frames[i])) throw new Error(`bench frame ${i} is invalid`);
  }
}

function matcher(from: number, to: number): void {
  for (let i = from; i < to; i++) {
    // Playwright's expect handles a plain result synchronously (a promise only for a response),
    // so the loop is synchronous too and asserts the matcher kept it so.
    const result = match.call(state, frames[i], ids[i] as string);
    if (result instanceof Promise) throw new Error("toMatchContract returned a promise for a plain value");
    if (!result.pass) throw new Error(`bench frame ${i} is invalid:\n${result.message()}`);
  }
}

// Each round is one chunk of a few hundred events, validated by both sides back to back in
// alternating order (bench/pairedRatio.ts); the verdict is the median of the per-round ratios.
const chunks = Math.ceil(frames.length / CHUNK);
const chunkOf = (round: number) => {
  const from = (((round % chunks) + chunks) % chunks) * CHUNK;
  return [from, Math.min(from + CHUNK, frames.length)] as const;
};
const result = await pairedRatio({
  baseline: (round) => direct(...chunkOf(round)),
  candidate: (round) => matcher(...chunkOf(round)),
  rounds: ROUNDS * chunks,
  warmup: 5 * chunks,
  repeats: REPEATS,
});
const rate = (ms: number) => Math.round(CHUNK / (ms / 1000));
console.log(formatPairedRatio("contracts: toMatchContract / ajv direct", result, TARGET));
console.log(
  `  ajv direct ${rate(result.baselineMs)} ev/s, toMatchContract ${rate(result.candidateMs)} ev/s (median chunk); ` +
    `${frames.length} events, ${new Set(ids).size} event types, chunks of ${CHUNK}, load average ${os.loadavg()[0]?.toFixed(1)} on ${os.availableParallelism()} cores`,
);
if (result.median < TARGET) process.exitCode = 1;
