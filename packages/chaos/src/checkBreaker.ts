import type { APIRequestContext } from "@playwright/test";

/** The breaker state as `/health` reports it. */
export type BreakerState = "closed" | "open" | "half_open";

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Reads `circuit_breaker` from the service's `/health`.
 * @example await readBreaker(stack.baseURL) // "closed"
 */
export async function readBreaker(baseURL: string): Promise<BreakerState> {
  const response = await fetch(`${baseURL}/health`, { signal: AbortSignal.timeout(5000) });
  return ((await response.json()) as { circuit_breaker: BreakerState }).circuit_breaker;
}

/**
 * Starts one agent run per message, all at once, and waits until every run has ended; resolves
 * with each run's `agent_error` code (null for a completed run).
 * @example await runAll(alice.api, conversationId, ["#upstream:error", "#upstream:error"])
 */
export async function runAll(
  api: APIRequestContext,
  conversationId: string,
  contents: string[],
  timeoutMs = 15_000,
): Promise<Array<string | null>> {
  const started = await Promise.all(
    contents.map(async (content) => {
      const response = await api.post(`/v1/conversations/${conversationId}/messages`, { data: { content } });
      if (response.status() !== 202)
        throw new Error(`[assay/chaos] POST …/messages answered HTTP ${response.status()}, expected 202`);
      return ((await response.json()) as { run: { id: string } }).run.id;
    }),
  );
  const deadline = performance.now() + timeoutMs;
  return Promise.all(
    started.map(async (runId) => {
      for (;;) {
        const events = (await (await api.get(`/v1/runs/${runId}/events`)).json()) as {
          items: Array<{ type: string; error?: { code: string } }>;
        };
        const last = events.items.at(-1);
        if (last?.type === "agent_completed") return null;
        if (last?.type === "agent_error") return last.error?.code ?? "unknown";
        if (performance.now() > deadline)
          throw new Error(`[assay/chaos] run ${runId} did not end within ${timeoutMs} ms`);
        await wait(50);
      }
    }),
  );
}

/**
 * Fails `threshold` upstream calls at once and checks the breaker opened: concurrent failures
 * must all be counted. Throws an `[assay/chaos]` error naming what it saw otherwise.
 * @example await assertBreakerOpensUnderConcurrentFailures({ api, baseURL, conversationId, threshold: 3 });
 */
export async function assertBreakerOpensUnderConcurrentFailures(input: {
  api: APIRequestContext;
  baseURL: string;
  conversationId: string;
  threshold: number;
}): Promise<Array<string | null>> {
  const before = await readBreaker(input.baseURL);
  if (before !== "closed")
    throw new Error(`[assay/chaos] the breaker is ${before} before the test; expected closed`);
  const codes = await runAll(
    input.api,
    input.conversationId,
    Array.from({ length: input.threshold }, (_, i) => `breaker probe ${i} #upstream:error`),
  );
  const after = await readBreaker(input.baseURL);
  if (after !== "open")
    throw new Error(
      `[assay/chaos] the breaker is ${after} after ${input.threshold} concurrent upstream failures (threshold ${input.threshold}): ` +
        "failures that happen at the same time were not all counted",
    );
  return codes;
}
