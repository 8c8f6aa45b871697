import { agentRunGrammar } from "./agentRunGrammar.ts";
import { checkRunSeq } from "./checkRunSeq.ts";
import { defineRunGrammar, grammarTypes, type RunGrammar } from "./defineRunGrammar.ts";
import { eventOf, type Frame } from "./Frame.ts";
import { measureRunLatency, type RunLatency } from "./measureRunLatency.ts";

/** @example const options: RunGrammarOptions = { tools: 2, terminal: "agent_completed" }; */
export type RunGrammarOptions = {
  /** Exact number of tool calls (the grammar's first pair: tool_executing events) expected. */
  tools?: number;
  /** The terminal event the run must end with: one of the grammar's `terminal`. */
  terminal?: string;
  /** The grammar the run follows; default {@link agentRunGrammar}. */
  grammar?: RunGrammar;
  /** Passed to {@link measureRunLatency} for the returned `latency` (its `first_event_ms`). */
  sentAt?: number;
  connectedAt?: number;
};

/** @example const { ok, problems }: RunGrammarResult = checkRunGrammar(frames); */
export type RunGrammarResult = { ok: boolean; problems: string[]; latency: RunLatency };

type Event = Record<string, unknown>;
type Pair = NonNullable<RunGrammar["pairs"]>[number];

/**
 * The problem text for a run with no terminal event, which `toFollowRunGrammar` replaces when it
 * knows why (a timeout, a closed socket).
 *
 * @example
 * noTerminal(agentRunGrammar); // "no terminal event (agent_completed or agent_error)"
 */
export function noTerminal(grammar: RunGrammar): string {
  return `no terminal event (${grammar.terminal.join(" or ")})`;
}

/**
 * Checks the frames of ONE run, in receive order, against a grammar (default {@link agentRunGrammar}:
 * `agent_started (agent_thinking | tool_executing tool_completed)* (agent_completed | agent_error)`),
 * plus: pairs share their keys (tool_call_id, tool_name), the seq key is 1, 2, 3… with no gap,
 * duplicate or reordering, nothing after the terminal event, the same values under `sameKeys`
 * (conversation_id). Pure: no socket, no clock. Contract validation is the matcher's job.
 *
 * @example
 * const { ok, problems, latency } = checkRunGrammar(client.runEvents(runId), { tools: 1 });
 * checkRunGrammar(frames, { grammar: jobGrammar, terminal: "job_done" });
 */
export function checkRunGrammar(frames: readonly Frame[], options: RunGrammarOptions = {}): RunGrammarResult {
  const { grammar, counted } = runGrammarOf(options);
  const problems: string[] = [];
  const latency = measureRunLatency(frames, { sentAt: options.sentAt, connectedAt: options.connectedAt });
  if (frames.length === 0) return { ok: false, problems: ["no events for this run"], latency };
  const { seqKey } = grammar;
  const duplicates = seqKey === null ? new Set<Frame>() : checkRunSeq(frames, seqKey, problems);
  const { types, opens, closes } = indexOf(grammar);
  // Without a seq key, an event is named by its place in the run.
  const position = seqKey === null ? new Map<Event, number>() : undefined;
  const where = (event: Event) =>
    seqKey === null ? `event #${String(position?.get(event))}` : `${seqKey} ${String(event[seqKey])}`;
  const at = (type: unknown, event: Event) => `${String(type)} (${where(event)})`;
  const first = eventOf(frames[0] as Frame) ?? {};

  // What the next event is judged to follow: the last event that fit (`afterEvent`), or, before
  // the first event and after a broken pair, only a type. `openPair` waits for its close. Plain
  // variables, not small objects: this runs on every event of a load run, and a literal holding
  // an event can end up allocated old (V8 pretenuring), which keeps the event alive.
  let afterType: string | null = null;
  let afterEvent: Event | null = null;
  let openPair: Pair | undefined;
  let openEvent: Event = {};
  let terminal: Event | undefined;
  let count = 0;
  const sameKeys = grammar.sameKeys ?? [];
  for (let index = 0; index < frames.length; index += 1) {
    const frame = frames[index] as Frame;
    if (duplicates.has(frame)) continue;
    const event = eventOf(frame) ?? {};
    position?.set(event, index + 1);
    const type = event.type;
    for (const key of sameKeys) {
      if (event[key] !== first[key]) {
        problems.push(
          `${key} mismatch: ${at(type, event)} has ${String(event[key])}, the run's is ${String(first[key])}`,
        );
      }
    }
    if (typeof type !== "string" || !types.has(type)) {
      problems.push(`unknown event type ${JSON.stringify(type)} (${where(event)})`);
      continue;
    }
    if (terminal) {
      problems.push(`event after terminal ${String(terminal.type)}: ${at(type, event)}`);
      continue;
    }
    if (afterType === null) {
      afterType = grammar.start;
      afterEvent = null;
      if (type === grammar.start) {
        afterEvent = event;
        continue;
      }
      // A wrong first event is reported, then judged as if the start had come before it.
      problems.push(`first event must be ${grammar.start}, got ${at(type, event)}`);
    }
    if (openPair) {
      const pair = openPair;
      const opened = openEvent;
      openPair = undefined;
      if (type === pair.close) {
        for (const key of pair.keys) {
          if (event[key] !== opened[key]) {
            problems.push(
              `${key} mismatch: ${pair.open} ${String(opened[key])}, ${pair.close} ${String(event[key])} (${where(event)})`,
            );
          }
        }
        afterType = type;
        afterEvent = event;
        continue;
      }
      problems.push(`expected ${pair.close} after ${pair.open} (${where(opened)}), got ${at(type, event)}`);
      // The rest is judged as if the pair had closed.
      afterType = pair.close;
      afterEvent = null;
    }
    const allowed: readonly string[] = grammar.next[afterType] ?? [];
    if (!allowed.includes(type)) {
      // A second start or a close without its open is left out, so what follows is judged as before.
      if (type === grammar.start) {
        problems.push(`${type} again: ${at(type, event)}`);
        continue;
      }
      const pair = closes.get(type);
      if (pair) {
        problems.push(`${type} without a ${pair.open} before it: ${at(type, event)}`);
        continue;
      }
      // Otherwise the event is taken as it came, so one missing step is one problem.
      if (afterEvent !== null) {
        problems.push(
          `expected ${allowed.join(" or ")} after ${at(afterType, afterEvent)}, got ${at(type, event)}`,
        );
      }
    }
    afterType = type;
    afterEvent = event;
    const opening = opens.get(type);
    if (opening) {
      openPair = opening;
      openEvent = event;
      if (opening === counted) count += 1;
    } else if (grammar.terminal.includes(type)) terminal = event;
  }

  if (!terminal) problems.push(noTerminal(grammar));
  else if (options.terminal && terminal.type !== options.terminal) {
    problems.push(`expected terminal ${options.terminal}, got ${at(terminal.type, terminal)}`);
  }
  if (options.tools !== undefined && count !== options.tools) {
    const noun = counted?.name ?? "tool call";
    problems.push(`expected ${options.tools} ${noun}${options.tools === 1 ? "" : "s"}, got ${count}`);
  }
  return { ok: problems.length === 0, problems, latency };
}

type Index = { types: Set<string>; opens: Map<string, Pair>; closes: Map<string, Pair> };
const indexes = new WeakMap<RunGrammar, Index>();

/** Lookups derived from a grammar once: the load suite checks thousands of runs with one grammar. */
function indexOf(grammar: RunGrammar): Index {
  let index = indexes.get(grammar);
  if (index === undefined) {
    const pairs = grammar.pairs ?? [];
    index = {
      types: grammarTypes(grammar),
      opens: new Map(pairs.map((pair) => [pair.open, pair])),
      closes: new Map(pairs.map((pair) => [pair.close, pair])),
    };
    indexes.set(grammar, index);
  }
  return index;
}

/**
 * The grammar the options name (default {@link agentRunGrammar}), checked, with the pair the
 * `tools` option counts; throws for options that do not fit the grammar, so a matcher can refuse
 * them before it waits.
 *
 * @example
 * const { grammar } = runGrammarOf({ grammar: jobGrammar, terminal: "job_done" });
 */
export function runGrammarOf(options: RunGrammarOptions): { grammar: RunGrammar; counted: Pair | undefined } {
  const grammar = defineRunGrammar(options.grammar ?? agentRunGrammar);
  if (options.terminal !== undefined && !grammar.terminal.includes(options.terminal)) {
    throw new Error(
      `[assay/ws] options.terminal ${JSON.stringify(options.terminal)} is not a terminal event of the grammar (${grammar.terminal.join(", ")}).`,
    );
  }
  const counted = grammar.pairs?.[0];
  if (options.tools !== undefined && counted === undefined) {
    throw new Error(
      "[assay/ws] options.tools counts the grammar's first pair, and this grammar has no pairs.",
    );
  }
  return { grammar, counted };
}
