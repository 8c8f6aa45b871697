import { test } from "@playwright/test";

/**
 * Adds one `assay:latency` annotation (`{"step": step, "ms": ms}`) to the running test, for the
 * gate's p95 budget of that step; outside a test it does nothing and returns false.
 * @example recordStep("health", 3.2);
 */
export function recordStep(step: string, ms: number): boolean {
  let info: ReturnType<typeof test.info>;
  try {
    info = test.info();
  } catch {
    return false;
  }
  info.annotations.push({
    type: "assay:latency",
    description: JSON.stringify({ step, ms: Math.round(ms * 100) / 100 }),
  });
  return true;
}

/**
 * Adds the figures a suite measured (`assay:figures`, JSON) to the running test, so a report
 * carries them; the gate does not judge them.
 * @example recordFigures("db_cut", summarizeOutage(report));
 */
export function recordFigures(name: string, figures: Record<string, unknown>): boolean {
  let info: ReturnType<typeof test.info>;
  try {
    info = test.info();
  } catch {
    return false;
  }
  info.annotations.push({ type: "assay:figures", description: JSON.stringify({ name, ...figures }) });
  return true;
}
