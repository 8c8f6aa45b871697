import { test } from "@playwright/test";
import type { RunLatency } from "./measureRunLatency.ts";

/**
 * Adds one `assay:latency` annotation per measurement to the running Playwright test
 * (`{ step: "first_event" | "tool_call" | "run", ms }` as JSON), for the gate's p95 budgets.
 * Outside a test it does nothing and returns false.
 *
 * @example
 * recordLatency(client.latency(runId, sentAt));
 */
export function recordLatency(latency: RunLatency): boolean {
  let info: ReturnType<typeof test.info>;
  try {
    info = test.info();
  } catch {
    // test.info() throws outside a running test (unit tests, scripts): nothing to annotate.
    return false;
  }
  const add = (step: string, ms: number) =>
    info.annotations.push({ type: "assay:latency", description: JSON.stringify({ step, ms }) });
  if (latency.first_event_ms !== null) add("first_event", latency.first_event_ms);
  for (const call of latency.tool_calls) add("tool_call", call.ms);
  if (latency.run_ms !== null) add("run", latency.run_ms);
  return true;
}
