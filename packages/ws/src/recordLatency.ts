import { annotate } from "@assay/contracts";
import type { WsClient } from "./createWsClient.ts";
import { type DeliverySample, measureDelivery, type RunLatency } from "./measureRunLatency.ts";

/** The annotation the gate reads latency samples from: `{"step":…,"ms":…}` as JSON, one per sample. */
const LATENCY = "assay:latency";
/** The annotation that says how far the target's clock is from ours, next to the delivery samples. */
const CLOCK_OFFSET = "assay:clock-offset";

const add = (step: string, ms: number) => annotate(LATENCY, JSON.stringify({ step, ms }));

/**
 * Adds one `assay:latency` annotation per measurement of one run to the running Playwright test
 * (`{ step: "first_event" | "tool_call" | "run", ms }` as JSON), for the gate's p95 budgets.
 * Returns how many it added: 0 outside a test.
 *
 * @example
 * recordLatency(client.latency(runId, sentAt));
 */
export function recordLatency(latency: RunLatency): number {
  const samples: Array<[string, number]> = [
    ...(latency.first_event_ms === null ? [] : [["first_event", latency.first_event_ms] as [string, number]]),
    ...latency.tool_calls.map((call) => ["tool_call", call.ms] as [string, number]),
    ...(latency.run_ms === null ? [] : [["run", latency.run_ms] as [string, number]]),
  ];
  return samples.filter(([step, ms]) => add(step, ms)).length;
}

/** How far the target's clock is ahead of ours, and how sure that is. */
export type ClockOffset = {
  /** Target clock minus ours, in ms. */
  offset_ms: number;
  /** Round trip of the ping the estimate came from: the offset is right to ± half of it (+0.5 ms for whole-ms `ts`). */
  rtt_ms: number;
  /** `ws ping` when measured on one of the test's sockets, `earlier test` when reused, `none` when it could not be. */
  source: "ws ping" | "earlier test" | "none";
};

const round = (ms: number): number => Math.round(ms * 100) / 100;
let lastOffset: ClockOffset | undefined;

/**
 * Estimates the target's clock offset from `pings` ping/pong round trips on an open socket: the
 * pong's `ts` is taken half-way through the round trip, and the shortest round trip wins (the
 * least queueing, so the tightest bound).
 *
 * @example
 * const { offset_ms, rtt_ms } = await estimateClockOffset(client);
 */
export async function estimateClockOffset(
  client: WsClient,
  options: { pings?: number; timeout?: number } = {},
): Promise<ClockOffset> {
  let best: ClockOffset | undefined;
  for (let i = 0; i < (options.pings ?? 3); i += 1) {
    const id = `assay-clock-${i}-${Math.random().toString(36).slice(2, 8)}`;
    const sent = performance.timeOrigin + performance.now();
    client.send({ type: "ping", id });
    const pong = await client.waitFor({ type: "pong", id }, { timeout: options.timeout ?? 2000 });
    const received = performance.timeOrigin + performance.now();
    const ts = Date.parse(String((pong.data as { ts?: unknown }).ts));
    if (Number.isNaN(ts))
      throw new Error(`[assay/ws] The pong to a clock ping has no ISO ts: ${JSON.stringify(pong.data)}.`);
    const rtt = received - sent;
    if (best === undefined || rtt < best.rtt_ms)
      best = { offset_ms: round(ts + 0.5 - (sent + received) / 2), rtt_ms: round(rtt), source: "ws ping" };
  }
  return best as ClockOffset;
}

/**
 * Records the delivery latency of every live run event the clients received, as one
 * `assay:latency` annotation per event with step `event_delivery`, plus one `assay:clock-offset`
 * annotation saying which offset was applied. The offset is measured on an open client; with
 * none open, the worker's last measurement is reused; with none ever, 0 is applied and the
 * annotation says `none`. Returns the samples (none, and no annotation, when no run event came).
 *
 * @example
 * await recordDelivery(clients); // in the connectWs fixture's teardown
 */
export async function recordDelivery(clients: readonly WsClient[]): Promise<DeliverySample[]> {
  if (!clients.some((client) => client.frames.some((frame) => isRunEvent(frame.data)))) return [];
  const open = clients.find((client) => client.socket.readyState === client.socket.OPEN);
  let offset: ClockOffset = lastOffset ? { ...lastOffset, source: "earlier test" } : noOffset;
  if (open) {
    try {
      offset = await estimateClockOffset(open);
      lastOffset = offset;
    } catch {
      // The socket went away or never answered: the fallback above is applied, and named.
    }
  }
  const samples = clients.flatMap((client) =>
    measureDelivery(client.frames, { connectedAt: client.connectedAt, offsetMs: offset.offset_ms }),
  );
  for (const sample of samples) add("event_delivery", sample.ms);
  annotate(CLOCK_OFFSET, JSON.stringify({ ...offset, events: samples.length }));
  return samples;
}

const noOffset: ClockOffset = { offset_ms: 0, rtt_ms: 0, source: "none" };

function isRunEvent(data: unknown): boolean {
  return (
    typeof data === "object" && data !== null && typeof (data as { run_id?: unknown }).run_id === "string"
  );
}
