import type { Services } from "../Services.ts";

/** The OAuth log lines; one per register, authorize, sign-in, token and /mcp validation. */
export type OauthEvent =
  | "register"
  | "authorize"
  | "sign_in"
  | "consent"
  | "token"
  | "validate"
  | "client_deleted";

/** Only short facts: never a code, verifier, challenge, secret or token (the values are not even typed to hold one). */
export type OauthFacts = Record<string, string | number | boolean | null>;

/**
 * Writes one OAuth log line, `oauth_<event>`, with facts about the request: which parameters were
 * present and whether they checked out, and the outcome. The OAuth suite reads these lines and
 * fails when any code, verifier or token of its run appears in them.
 * @example logOauth(services, "token", { client_id, grant_type: "authorization_code", verifier: "present", verifier_valid: false, outcome: "refused", error: "invalid_grant" });
 */
export function logOauth(services: Pick<Services, "log">, event: OauthEvent, facts: OauthFacts): void {
  services.log.info(`oauth_${event}`, facts);
}
