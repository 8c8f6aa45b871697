import { eventOf, type Frame, RUN_EVENT_TYPES } from "./Frame.ts";

/**
 * Latency of one run, in milliseconds on the client's receive clock. `null` where the run did
 * not get that far (or, for `first_event_ms`, when no `sentAt` was given).
 *
 * @example
 * const latency: RunLatency = { first_event_ms: 12.5, tool_calls: [], run_ms: 40.1 };
 */
export type RunLatency = {
  first_event_ms: number | null;
  tool_calls: { tool_call_id: string; tool_name: string; ms: number }[];
  run_ms: number | null;
};

const round = (ms: number): number => Math.round(ms * 100) / 100;
const TERMINAL = new Set(["agent_completed", "agent_error"]);

/**
 * Measures a run from its frames (as recorded, in receive order):
 * first event = `sentAt` → agent_started; tool call = tool_executing → tool_completed (same
 * tool_call_id); run = agent_started → terminal event.
 *
 * `sentAt` is a {@link now} stamp taken when the test posted the message; `connectedAt` is the
 * client's own `connectedAt`, needed to put both on one clock. `client.latency(runId, sentAt)`
 * passes both for you.
 *
 * @example
 * const sentAt = now();
 * await api.post(`/v1/conversations/${id}/messages`, { data: { content: "#tool:echo hi" } });
 * const latency = measureRunLatency(client.runEvents(runId), { sentAt, connectedAt: client.connectedAt });
 */
export function measureRunLatency(
  frames: readonly Frame[],
  options: { sentAt?: number; connectedAt?: number } = {},
): RunLatency {
  let startedAt: number | undefined;
  let endedAt: number | undefined;
  const open = new Map<string, { at: number; tool_name: string }>();
  const tool_calls: RunLatency["tool_calls"] = [];
  for (const frame of frames) {
    const event = eventOf(frame);
    if (!event) continue;
    if (event.type === "agent_started" && startedAt === undefined) startedAt = frame.at;
    else if (TERMINAL.has(event.type as string) && endedAt === undefined) endedAt = frame.at;
    else if (event.type === "tool_executing" && typeof event.tool_call_id === "string") {
      open.set(event.tool_call_id, { at: frame.at, tool_name: String(event.tool_name) });
    } else if (event.type === "tool_completed" && typeof event.tool_call_id === "string") {
      const start = open.get(event.tool_call_id);
      if (start) {
        open.delete(event.tool_call_id);
        tool_calls.push({
          tool_call_id: event.tool_call_id,
          tool_name: start.tool_name,
          ms: round(frame.at - start.at),
        });
      }
    }
  }
  const sentAt = options.sentAt === undefined ? undefined : options.sentAt - (options.connectedAt ?? 0);
  return {
    first_event_ms: startedAt !== undefined && sentAt !== undefined ? round(startedAt - sentAt) : null,
    tool_calls,
    run_ms: startedAt !== undefined && endedAt !== undefined ? round(endedAt - startedAt) : null,
  };
}

/** One event's delivery: receive time minus the event's own `ts`, on the target's clock. */
export type DeliverySample = { run_id: string; type: string; seq: number; ms: number };

/**
 * Delivery latency of every live run event in `frames` (one socket's, as recorded): the
 * receive time, moved onto the target's clock by `offsetMs` (target clock minus ours, see
 * {@link estimateClockOffset}), minus the event's `ts`. Events replayed on request (the frames
 * right before a `replay_done`) are stored history, not deliveries, and are left out. A sample
 * below 0 (the offset's own error, ±1 ms) counts as 0.
 *
 * Computed from the frames after the fact, so recording costs nothing while frames arrive.
 *
 * @example
 * const samples = measureDelivery(client.frames, { connectedAt: client.connectedAt, offsetMs: 0.4 });
 */
export function measureDelivery(
  frames: readonly Frame[],
  options: { connectedAt: number; offsetMs: number },
): DeliverySample[] {
  const replayed = new Set<number>();
  for (let i = 0; i < frames.length; i += 1) {
    const done = eventOf(frames[i] as Frame);
    if (done?.type !== "replay_done" || typeof done.count !== "number") continue;
    for (let k = 1; k <= done.count && i - k >= 0; k += 1) replayed.add(i - k);
  }
  // performance.timeOrigin + now() is the epoch in ms with sub-ms precision, on our clock.
  const epochOfAt = performance.timeOrigin + options.connectedAt + options.offsetMs;
  const samples: DeliverySample[] = [];
  for (let i = 0; i < frames.length; i += 1) {
    if (replayed.has(i)) continue;
    const frame = frames[i] as Frame;
    const event = eventOf(frame);
    if (!event || typeof event.type !== "string" || !RUN_EVENT_TYPES.has(event.type)) continue;
    const sent = typeof event.ts === "string" ? Date.parse(event.ts) : Number.NaN;
    if (Number.isNaN(sent) || typeof event.run_id !== "string") continue;
    // `ts` has whole milliseconds: its true instant lies anywhere in the next millisecond.
    const ms = epochOfAt + frame.at - (sent + 0.5);
    samples.push({
      run_id: event.run_id,
      type: event.type,
      seq: Number(event.seq),
      ms: round(Math.max(0, ms)),
    });
  }
  return samples;
}
