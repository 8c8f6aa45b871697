import { type TestInfo, test } from "@playwright/test";
// Checked first, so calls outside a test (benchmarks, node:test) do not pay for the exception
// test.info() throws there.
import { inPlaywrightWorker } from "./env.ts";

/**
 * The running Playwright test, or undefined outside one (node:test, scripts, benchmarks, a
 * worker hook): the one place that asks Playwright, so no caller catches its exception.
 *
 * @example
 * const info = runningTest();
 * if (info) seen.set(info, new Set());
 */
export function runningTest(): TestInfo | undefined {
  if (!inPlaywrightWorker) return undefined;
  try {
    return test.info();
  } catch {
    // A worker-scoped fixture or hook: no test to attribute anything to.
    return undefined;
  }
}

/**
 * THE way Assay adds an annotation: pushes `{ type, description }` onto the running Playwright
 * test (the gate and the reporters read `assay:*` annotations from the JSON report). Outside a
 * test it does nothing and returns false.
 *
 * @example
 * annotate("assay:latency", JSON.stringify({ step: "run", ms: 41.5 }));
 * annotate("assay:leak", "bob received alice's canary in WS tool_executing");
 */
export function annotate(type: string, description: string): boolean {
  const info = runningTest();
  if (info === undefined) return false;
  info.annotations.push({ type, description });
  return true;
}
