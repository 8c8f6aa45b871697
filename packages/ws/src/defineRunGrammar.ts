/**
 * The event grammar of one run, as data: which event opens a run, which may follow which, which
 * end it, which come in pairs sharing keys, and which keys number and group the events.
 * {@link agentRunGrammar} is the agent grammar of the reference backend; pass your own to
 * `checkRunGrammar` and `toFollowRunGrammar` with the `grammar` option.
 *
 * @example
 * const grammar: RunGrammar = {
 *   start: "job_queued",
 *   next: { job_queued: ["job_running"], job_running: ["job_done", "job_failed"] },
 *   terminal: ["job_done", "job_failed"],
 *   runKey: "job_id",
 *   seqKey: "seq",
 * };
 */
export type RunGrammar = {
  /** The event that opens every run. */
  start: string;
  /** For each event that is not terminal, the events allowed right after it. */
  next: Readonly<Record<string, readonly string[]>>;
  /** The events that end a run; nothing may follow them. */
  terminal: readonly string[];
  /** The key naming the run an event belongs to (`run_id`). */
  runKey: string;
  /** The key numbering a run's events 1, 2, 3… with no gap, duplicate or reordering; null when events carry none. */
  seqKey: string | null;
  /** Keys every event of a run carries with the same value as its first event (`conversation_id`). */
  sameKeys?: readonly string[];
  /**
   * Events that come in pairs: `open` is followed right away by `close` (say so in `next`), and the
   * two carry the same values under `keys`. `name` is what the `tools` option counts (`tool call`).
   */
  pairs?: readonly { open: string; close: string; keys: readonly string[]; name?: string }[];
  /** Whether each event is also checked against Assay's contract for its type (`ws/<type>.v1`). */
  contracts?: boolean;
};

const checked = new WeakSet<RunGrammar>();

/**
 * Checks that a grammar is whole (every event it names is reachable from `start` and reaches a
 * terminal event, a pair's `open` is followed by its `close` only) and returns it, so a mistake in
 * it is one clear error when it is defined rather than odd failures in every spec.
 *
 * @example
 * export const jobGrammar = defineRunGrammar({ start: "job_queued", next: { … }, terminal: [ … ], runKey: "job_id", seqKey: "seq" });
 */
export function defineRunGrammar<T extends RunGrammar>(grammar: T): T {
  if (checked.has(grammar)) return grammar;
  const problem = (text: string) => new Error(`[assay/ws] run grammar: ${text}`);
  if (typeof grammar !== "object" || grammar === null)
    throw problem(`expected an object, got ${String(grammar)}.`);
  const { start, next, terminal, runKey, seqKey } = grammar;
  if (typeof start !== "string" || start === "") throw problem("start must name the event that opens a run.");
  if (!Array.isArray(terminal) || terminal.length === 0)
    throw problem("terminal must list at least one event.");
  if (typeof next !== "object" || next === null)
    throw problem("next must map each event to the events allowed after it.");
  if (typeof runKey !== "string" || runKey === "")
    throw problem("runKey must name the key holding the run's id.");
  if (seqKey !== null && (typeof seqKey !== "string" || seqKey === ""))
    throw problem("seqKey must name the key numbering the events, or be null.");
  for (const type of terminal) {
    if (next[type] !== undefined)
      throw problem(`${type} is terminal, so next must not list events after it.`);
  }
  const types = grammarTypes(grammar);
  for (const type of types) {
    if (!terminal.includes(type) && next[type] === undefined)
      throw problem(`${type} is neither terminal nor in next: say what may follow it.`);
  }
  const reached = new Set([start]);
  for (const type of reached) for (const after of next[type] ?? []) reached.add(after);
  const unreachable = [...types].filter((type) => !reached.has(type));
  if (unreachable.length > 0) throw problem(`${unreachable.join(", ")} cannot be reached from ${start}.`);
  if (![...reached].some((type) => terminal.includes(type)))
    throw problem(`no terminal event can be reached from ${start}.`);
  for (const pair of grammar.pairs ?? []) {
    const after = next[pair.open];
    if (after?.length !== 1 || after[0] !== pair.close) {
      throw problem(
        `pair ${pair.open} → ${pair.close}: next.${pair.open} must be exactly ["${pair.close}"].`,
      );
    }
  }
  checked.add(grammar);
  return grammar;
}

/**
 * Every event type a grammar names.
 *
 * @example
 * grammarTypes(agentRunGrammar).has("tool_executing"); // true
 */
export function grammarTypes(grammar: RunGrammar): Set<string> {
  return new Set([
    grammar.start,
    ...grammar.terminal,
    ...Object.keys(grammar.next),
    ...Object.values(grammar.next).flat(),
  ]);
}
