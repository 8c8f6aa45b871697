import type { Services } from "../Services.ts";
import { callUpstream, UpstreamError } from "./callUpstream.ts";
import type { Completion } from "./parseCompletion.ts";

/**
 * One upstream call the way the service makes them all: through the circuit breaker, counted in
 * `assay_upstream_requests_total`, and a warning line (`upstream_call_failed`, with the stable
 * `error_type`) when it fails.
 * @example const completion = await askUpstream(services, { signal, body });
 */
export async function askUpstream(
  services: Services,
  options: { signal: AbortSignal; body: object },
): Promise<Completion> {
  const started = performance.now();
  try {
    const completion = await services.breaker.call(() =>
      callUpstream({ url: services.config.llmUrl, timeoutMs: services.config.llmTimeoutMs, ...options }),
    );
    services.metrics.upstreamCalls.inc({ outcome: "ok" });
    return completion;
  } catch (error) {
    if (error instanceof UpstreamError) {
      services.metrics.upstreamCalls.inc({ outcome: error.code });
      services.log.warn("upstream_call_failed", {
        error_type: error.code,
        error: error.name,
        error_message: error.message,
        elapsed_ms: Math.round(performance.now() - started),
        breaker: services.breaker.state,
      });
    }
    throw error;
  }
}
