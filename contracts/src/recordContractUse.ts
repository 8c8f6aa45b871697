import type { TestInfo } from "@playwright/test";
import { annotate, runningTest } from "./annotate.ts";

/**
 * Annotation type the coverage reporter collects.
 *
 * @example
 * test.info().annotations.filter((a) => a.type === CONTRACT_ANNOTATION);
 */
export const CONTRACT_ANNOTATION = "assay:contract";

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
  const info = runningTest();
  if (info === undefined) return;
  let ids = recorded.get(info);
  if (ids === undefined) {
    ids = new Set();
    recorded.set(info, ids);
  }
  if (ids.has(id)) return;
  ids.add(id);
  annotate(CONTRACT_ANNOTATION, id);
}
