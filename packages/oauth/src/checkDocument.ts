import { contracts, recordContractUse } from "@assay/contracts";
import { type FlowStep, OauthFlowError } from "./OauthFlowError.ts";

/** The OAuth documents Assay checks, by contract id. */
export type OauthContract =
  | "http/oauth-protected-resource.v1"
  | "http/oauth-authorization-server.v1"
  | "http/oauth-client-registration.v1"
  | "http/oauth-token.v1"
  | "http/oauth-error.v1"
  | "http/oauth-authorization-response.v1"
  | "http/oauth-sign-in-code.v1";

/**
 * Validates a document against its contract and counts it for contract coverage; throws an
 * {@link OauthFlowError} for the step, listing every schema problem (never the document itself:
 * token responses carry secrets).
 *
 * @example
 * const metadata = checkDocument("server-metadata", "http/oauth-authorization-server.v1", answer.json);
 */
export function checkDocument<T>(step: FlowStep, id: OauthContract, value: unknown): T {
  recordContractUse(id);
  const { valid, errors } = contracts.validate(id, value);
  if (!valid) throw new OauthFlowError(step, `the document breaks ${id}: ${errors.join("; ")}`);
  return value as T;
}
