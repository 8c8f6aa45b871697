import type { WsClient } from "./createWsClient.ts";

/**
 * True for a client from `createWsClient`/`connectWs` (duck-typed, so wrappers work too).
 *
 * @example
 * if (!isWsClient(received)) throw wrongReceiver(...);
 */
export function isWsClient(value: unknown): value is WsClient {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<WsClient>;
  return (
    Array.isArray(candidate.frames) &&
    typeof candidate.waitFor === "function" &&
    typeof candidate.runEvents === "function"
  );
}
