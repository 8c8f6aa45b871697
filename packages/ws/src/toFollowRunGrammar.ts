import { setTimeout as sleep } from "node:timers/promises";
import { describeValue, matcherResult } from "@assay/contracts";
import type { ExpectMatcherState, MatcherReturnType } from "@playwright/test";
import { checkFrameContract } from "./checkFrameContract.ts";
import { checkRunGrammar, noTerminal, type RunGrammarOptions, runGrammarOf } from "./checkRunGrammar.ts";
import { WaitForError } from "./createFrameRecorder.ts";
import { isWsClient } from "./createWsClient.ts";
import { grammarTypes } from "./defineRunGrammar.ts";
import { eventOf, type Frame } from "./Frame.ts";
import { formatEventLog } from "./formatEventLog.ts";
import { DEFAULT_TIMEOUT } from "./toReceiveEvent.ts";

/** @example const options: FollowRunGrammarOptions = { timeout: 10_000, tools: 1, terminal: "agent_completed" }; */
export type FollowRunGrammarOptions = RunGrammarOptions & {
  /** How long to wait for the terminal event. Default: Playwright's expect timeout, else 5000. */
  timeout?: number;
  /** Grace window after the terminal event to catch late extra events. Default 50. */
  settleMs?: number;
};

const isFrame = (value: unknown): value is Frame =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as Frame).seq === "number" &&
  typeof (value as Frame).at === "number" &&
  "data" in value;

const isEvent = (value: unknown): boolean =>
  typeof value === "object" && value !== null && !Array.isArray(value);

// Events from elsewhere (GET /v1/runs/:id/events) become frames without timing, so one checker
// serves both; latency from them is meaningless and not reported.
const asFrames = (values: unknown[]): Frame[] =>
  values.every(isFrame) ? values : values.map((data, seq) => ({ seq, at: 0, data, size: 0 }));

function contractProblems(frames: readonly Frame[], types: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const frame of frames) {
    const type = eventOf(frame)?.type;
    if (typeof type !== "string" || !types.has(type)) continue;
    const { id, errors } = checkFrameContract(frame);
    if (errors.length > 0) {
      problems.push(
        `contract ${String(id)} (seq ${String(eventOf(frame)?.seq)}):`,
        ...errors.map((error) => `  ${error}`),
      );
    }
  }
  return problems;
}

/**
 * Waits for the run's terminal event (plus `settleMs` for late extras), then checks the run's
 * frames against a grammar, by default {@link agentRunGrammar}: order, tool pairing, seq 1…n
 * without gaps or duplicates, nothing after the terminal event, one conversation_id, and every
 * frame valid against its contract. Another grammar (`options.grammar`, see defineRunGrammar)
 * brings its own events, pairs and keys; its frames are checked against contracts only if it says
 * `contracts: true`. Accepts a WsClient, or an array of recorded frames or of plain events (checked
 * as they are, without waiting).
 *
 * @example
 * await expect(client).toFollowRunGrammar(run.id, { tools: 1, terminal: "agent_completed" });
 * await expect(items as unknown[]).toFollowRunGrammar(run.id); // from GET /v1/runs/:id/events
 * await expect(client).toFollowRunGrammar(job.id, { grammar: jobGrammar, terminal: "job_done" });
 */
export async function toFollowRunGrammar(
  this: Pick<ExpectMatcherState, "isNot"> & Partial<Pick<ExpectMatcherState, "timeout">>,
  received: unknown,
  runId: string,
  options: FollowRunGrammarOptions = {},
): Promise<MatcherReturnType> {
  const client = isWsClient(received) ? received : undefined;
  if (!client && !(Array.isArray(received) && received.every(isEvent))) {
    throw new Error(
      `[assay/ws] toFollowRunGrammar expects a WsClient, an array of its frames, or an array of event objects as the received value, got ${describeValue(received)}.`,
    );
  }
  if (typeof runId !== "string" || runId === "") {
    throw new Error(
      `[assay/ws] toFollowRunGrammar needs the run id (a non-empty string), got ${JSON.stringify(runId)}.`,
    );
  }
  const { grammar } = runGrammarOf(options);
  const timeout = options.timeout ?? this.timeout ?? DEFAULT_TIMEOUT;
  const settleMs = options.settleMs ?? 50;
  let waitProblem: string | undefined;
  if (client) {
    const terminal = (data: unknown) => {
      const event = data as Record<string, unknown> | null;
      return event?.[grammar.runKey] === runId && grammar.terminal.includes(event.type as string);
    };
    try {
      await client.waitFor(terminal, { timeout });
      await sleep(settleMs);
    } catch (error) {
      if (!(error instanceof WaitForError)) throw error;
      waitProblem =
        error.reason === "closed"
          ? "the socket closed before the terminal event"
          : `no terminal event within ${timeout}ms`;
    }
  }
  const all = client ? client.frames : asFrames(received as unknown[]);
  const frames =
    client && grammar.runKey === "run_id"
      ? client.runEvents(runId)
      : all.filter((frame) => eventOf(frame)?.[grammar.runKey] === runId);
  const checked = checkRunGrammar(frames, { ...options, grammar });
  // A timeout says more than "no terminal event": report it in its place.
  const problems = waitProblem
    ? [waitProblem, ...checked.problems.filter((p) => p !== noTerminal(grammar))]
    : checked.problems;
  if (grammar.contracts) problems.push(...contractProblems(frames, grammarTypes(grammar)));

  const receivedTitle =
    frames.length > 0
      ? `${frames.length} event${frames.length === 1 ? "" : "s"} for run ${runId}`
      : `no events for run ${runId}; all ${all.length} frames:`;
  return matcherResult(this.isNot, {
    name: "toFollowRunGrammar",
    receivedLabel: client ? "client" : "events",
    expected: runId,
    pass: problems.length === 0,
    actual: frames.map((frame) => frame.data),
    failure: () => ({
      notes: (problems.length > 0
        ? problems
        : [`run ${runId} followed the grammar (${frames.length} events)`]
      ).map((note) => `  ${note}`),
      // Only a client is waited on; a list of events is checked as it is.
      ...(client ? { timeout } : {}),
      log: [`Received: ${receivedTitle}`, ...formatEventLog(frames.length > 0 ? frames : all)],
    }),
  });
}
