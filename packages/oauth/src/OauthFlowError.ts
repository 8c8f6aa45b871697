/** The steps of the flow, in order; an error names the one that failed. */
export type FlowStep =
  | "challenge"
  | "resource-metadata"
  | "server-metadata"
  | "registration"
  | "authorization"
  | "sign-in"
  | "callback"
  | "token"
  | "mcp";

/**
 * A step of the OAuth flow did not go as the specs say. The message starts with `[assay/oauth]`,
 * names the step and says what was expected and what came instead; `error` is the RFC error code
 * the server answered, when it answered one. Never carries a code, verifier, secret or token.
 *
 * @example
 * throw new OauthFlowError("token", "expected 200 with a token, got 400 invalid_grant", { error: "invalid_grant", status: 400 });
 */
export class OauthFlowError extends Error {
  override name = "OauthFlowError";
  readonly step: FlowStep;
  readonly error: string | undefined;
  readonly status: number | undefined;
  constructor(step: FlowStep, problem: string, details: { error?: string; status?: number } = {}) {
    super(`[assay/oauth] ${step}: ${problem}`);
    this.step = step;
    this.error = details.error;
    this.status = details.status;
  }
}
