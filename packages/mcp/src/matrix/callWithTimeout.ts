import type { CallOutcome } from "./judgeCall.ts";

/** What the matrix needs from an MCP client's `callTool`. */
export type CallTool = (
  name: string,
  args: unknown,
  options?: { timeoutMs?: number },
) => Promise<{ response: unknown; exchange: { status: number; ms: number } }>;

/**
 * Calls a tool and turns whatever happens into a `CallOutcome`: the answer with its HTTP status,
 * a transport error, or a timeout after `timeoutMs` (the call is abandoned, never awaited
 * forever), so a hanging server fails one case instead of the whole run.
 *
 * @example
 * const outcome = await callWithTimeout(client.callTool, "health", {}, 15_000);
 */
export async function callWithTimeout(
  callTool: CallTool,
  name: string,
  args: unknown,
  timeoutMs: number,
): Promise<CallOutcome> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CallOutcome>((resolve) => {
    // A little after the client's own deadline, so a client that honours it reports first.
    timer = setTimeout(() => resolve({ kind: "timeout", ms: timeoutMs }), timeoutMs + 500);
  });
  const call = callTool(name, args, { timeoutMs }).then(
    ({ response, exchange }): CallOutcome => ({
      kind: "answer",
      status: exchange.status,
      message: response,
      ms: exchange.ms,
    }),
    (error: unknown): CallOutcome => ({
      kind: "transport",
      error: error instanceof Error ? error.message : String(error),
      ms: performance.now() - started,
    }),
  );
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
