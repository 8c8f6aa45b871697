import { test } from "@playwright/test";
import type { FlowResult } from "./runOauthFlow.ts";

/** The annotation that carries one flow's wall time and steps (never a secret). */
export const FLOW_ANNOTATION = "assay:oauth-flow";

/**
 * Records a flow's wall time and its steps' times on the running test, as an annotation the
 * report shows (and the gate may read): `1234 ms (discovery 40, registration 12, sign-in 90, …)`.
 *
 * @example
 * recordFlowTime(await oauth.flow());
 */
export function recordFlowTime(flow: FlowResult): void {
  const steps = flow.steps.map((step) => `${step.step} ${Math.round(step.ms)}`).join(", ");
  test.info().annotations.push({ type: FLOW_ANNOTATION, description: `${flow.ms} ms (${steps})` });
}
