// Measures what toMatchContract costs over calling the compiled ajv validator directly, on
// ~10k realistic WebSocket frames. Run: node bench/contracts.bench.ts
import { randomUUID } from "node:crypto";
import type { ExpectMatcherState, MatcherReturnType } from "@playwright/test";
import { contracts, eventContractId, toMatchContract } from "../contracts/src/index.ts";

const TARGET = 0.9;
const EVENTS = 10_000;
const ROUNDS = 21;
const CHUNK = 250;

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

async function matcher(from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) {
    // Awaited only when it is a promise, as Playwright's expect does.
    const returned = match.call(state, frames[i], ids[i] as string);
    const result = returned instanceof Promise ? await returned : returned;
    if (!result.pass) throw new Error(`bench frame ${i} is invalid:\n${result.message()}`);
  }
}

async function time(run: (from: number, to: number) => void | Promise<void>, from: number, to: number) {
  const started = process.hrtime.bigint();
  await run(from, to);
  return Number(process.hrtime.bigint() - started);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

for (let i = 0; i < 5; i++) {
  direct(0, frames.length);
  await matcher(0, frames.length);
}
const directRates: number[] = [];
const matcherRates: number[] = [];
const ratios: number[] = [];
// The machine is shared (2 cores, other suites running), so both sides run on the same chunk
// of a few hundred events back to back, in alternating order, and the ratio is the median
// over all chunk pairs: a load spike distorts a few pairs, not the result.
for (let round = 0; round < ROUNDS; round++) {
  let directNs = 0;
  let matcherNs = 0;
  for (let from = 0, chunk = 0; from < frames.length; from += CHUNK, chunk++) {
    const to = Math.min(from + CHUNK, frames.length);
    let ajv: number;
    let matched: number;
    if ((round + chunk) % 2 === 0) {
      ajv = await time(direct, from, to);
      matched = await time(matcher, from, to);
    } else {
      matched = await time(matcher, from, to);
      ajv = await time(direct, from, to);
    }
    directNs += ajv;
    matcherNs += matched;
    ratios.push(ajv / matched);
  }
  directRates.push(frames.length / (directNs / 1e9));
  matcherRates.push(frames.length / (matcherNs / 1e9));
}
const ratio = median(ratios);
console.log(
  `contracts: ajv direct ${Math.round(median(directRates))} ev/s, toMatchContract ${Math.round(median(matcherRates))} ev/s, ratio ${ratio.toFixed(2)} (target >= ${TARGET})`,
);
console.log(
  `contracts: ${frames.length} events, ${new Set(ids).size} event types, ${ROUNDS} rounds, ratio = median of ${ratios.length} chunk pairs`,
);
if (ratio < TARGET) process.exitCode = 1;
