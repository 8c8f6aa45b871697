import { test } from "@playwright/test";

// Playwright sets this in its worker processes only; outside them (node:test) there is no test
// to annotate, and test.info() would throw.
const inPlaywrightWorker = process.env.TEST_WORKER_INDEX !== undefined;

/**
 * Adds `{ type, description }` to the running Playwright test's annotations; does nothing
 * outside a Playwright test.
 *
 * @example
 * annotate("assay:leak", "bob received alice's canary in WS tool_executing");
 */
export function annotate(type: string, description: string): void {
  if (!inPlaywrightWorker) return;
  try {
    test.info().annotations.push({ type, description });
  } catch {
    // Called outside a test (a hook of another kind): nothing to attribute it to.
  }
}
