import { type TestInfo, test } from "@playwright/test";

/**
 * Annotation type the coverage reporter collects.
 *
 * @example
 * test.info().annotations.filter((a) => a.type === CONTRACT_ANNOTATION);
 */
export const CONTRACT_ANNOTATION = "assay:contract";

// Playwright sets this in its worker processes only. Checking it first keeps calls outside a
// test (benchmarks, node:test) from paying for the exception test.info() throws there.
const inPlaywrightWorker = process.env.TEST_WORKER_INDEX !== undefined;
const recorded = new WeakMap<TestInfo, Set<string>>();

/**
 * Records that the running Playwright test exercised contract `id`: adds the annotation
 * `{ type: "assay:contract", description: id }` once per id per test, which the coverage
 * reporter counts. Outside a Playwright test it does nothing.
 *
 * @example
 * recordContractUse(eventContractId(frame.type));
 */
export function recordContractUse(id: string): void {
  if (!inPlaywrightWorker) return;
  let info: TestInfo;
  try {
    info = test.info();
  } catch {
    // Called from a hook or helper that runs outside any test: nothing to attribute it to.
    return;
  }
  let ids = recorded.get(info);
  if (ids === undefined) {
    ids = new Set();
    recorded.set(info, ids);
  }
  if (ids.has(id)) return;
  ids.add(id);
  info.annotations.push({ type: CONTRACT_ANNOTATION, description: id });
}
