/**
 * Which way the bytes flow, in toxiproxy's words: `upstream` from the client to the dependency,
 * `downstream` from the dependency back to the client.
 */
export type Direction = "upstream" | "downstream" | "both";

/**
 * A fault the proxy applies, named after toxiproxy's toxics:
 * - `latency`: every chunk waits `latencyMs` ± `jitterMs` (order kept).
 * - `bandwidth`: at most `bytesPerSecond` go through.
 * - `blackhole`: bytes are swallowed; connections stay open and nothing ever answers.
 * - `reset`: open connections are reset (TCP RST) now, and new ones as soon as they arrive.
 * - `refuse`: the proxy stops listening, so new connections are refused (ECONNREFUSED).
 * - `slow_close`: when one side closes, the other learns of it `delayMs` later.
 * - `limit_data`: a connection is cut once `bytes` went through it in that direction.
 */
export type Toxic =
  | { type: "latency"; latencyMs: number; jitterMs?: number; direction?: Direction }
  | { type: "bandwidth"; bytesPerSecond: number; direction?: Direction }
  | { type: "blackhole"; direction?: Direction }
  | { type: "reset" }
  | { type: "refuse" }
  | { type: "slow_close"; delayMs: number }
  | { type: "limit_data"; bytes: number; direction?: Direction };

/** Whether a toxic acts on bytes flowing `flow`. */
export function appliesTo(toxic: Toxic, flow: "upstream" | "downstream"): boolean {
  const direction = "direction" in toxic ? (toxic.direction ?? "both") : "both";
  return direction === "both" || direction === flow;
}
