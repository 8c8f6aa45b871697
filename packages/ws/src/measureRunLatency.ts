import { eventOf, type Frame } from "./Frame.ts";

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
