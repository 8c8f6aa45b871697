import type pg from "pg";
import { hasClientFault } from "../faults.ts";
import { findClient, type OauthClient } from "./clientStore.ts";
import type { OauthFacts } from "./logOauth.ts";
import { MCP_SCOPE } from "./metadata.ts";
import type { OauthErrorCode } from "./OauthError.ts";
import { checkChallenge } from "./pkce.ts";
import { normalizeResource, servedResources } from "./publicOrigin.ts";
import { matchRedirectUri } from "./redirectUris.ts";
import { PENDING_TTL_MS, type PendingAuthorization } from "./sealRequest.ts";

/** What an authorization request comes to, before anyone signs in. */
export type CheckedRequest =
  /** Not redirectable (unknown client, unregistered redirect URI): an error page. */
  | { kind: "page"; error: OauthErrorCode; description: string; facts: OauthFacts }
  /** Redirectable error (RFC 6749 §4.1.2.1): back to the client with `error`, `state`, `iss`. */
  | {
      kind: "redirect";
      redirectUri: string;
      state: string | undefined;
      error: OauthErrorCode;
      description: string;
      facts: OauthFacts;
    }
  | { kind: "ok"; client: OauthClient; pending: PendingAuthorization; facts: OauthFacts };

/**
 * Checks an authorization request in RFC 6749 §4.1.2.1's order: the client and its redirect URI
 * first (failures there never redirect), then `response_type`, `state` (required here), PKCE
 * (S256 only, OAuth 2.1 §4.1.1), `resource` (RFC 8707: one this server serves) and `scope`.
 * `facts` is what the `oauth_authorize` log line says about it: never a value, only whether each
 * part was there and held.
 * @example const checked = await checkAuthorizationRequest(pool, params, origin);
 */
export async function checkAuthorizationRequest(
  pool: pg.Pool,
  params: Map<string, string>,
  origin: string,
): Promise<CheckedRequest> {
  const challenge = params.get("code_challenge");
  const facts: OauthFacts = {
    client_id: null,
    redirect_uri: params.has("redirect_uri") ? "present" : "absent",
    state: params.has("state") ? "present" : "absent",
    challenge: challenge === undefined || challenge === "" ? "absent" : "present",
    challenge_method: (params.get("code_challenge_method") ?? "none").slice(0, 20),
    challenge_valid: false,
    resource: params.has("resource") ? "present" : "absent",
  };
  const client = await findClient(pool, (params.get("client_id") ?? "").toLowerCase());
  if (client === null) {
    return {
      kind: "page",
      error: "invalid_request",
      description: "client_id names no registered client.",
      facts,
    };
  }
  facts.client_id = client.client_id;
  const requested = params.get("redirect_uri");
  let redirectUri: string;
  if (requested === undefined) {
    // OAuth 2.1 §4.1.1: optional only when exactly one URI is registered.
    if (client.redirect_uris.length !== 1 || client.redirect_uris[0] === undefined) {
      return {
        kind: "page",
        error: "invalid_request",
        description: "redirect_uri is required for this client.",
        facts,
      };
    }
    redirectUri = client.redirect_uris[0];
  } else if (
    matchRedirectUri(
      requested,
      client.redirect_uris,
      hasClientFault(client.client_id, "oauth_redirect_prefix"),
    )
  ) {
    facts.redirect_uri = client.redirect_uris.includes(requested) ? "exact" : "prefix";
    redirectUri = requested;
  } else {
    facts.redirect_uri = "mismatch";
    return {
      kind: "page",
      error: "invalid_request",
      description: "redirect_uri is not one this client registered (compared exactly).",
      facts,
    };
  }
  const state = params.get("state");
  const refuse = (error: OauthErrorCode, description: string): CheckedRequest => ({
    kind: "redirect",
    redirectUri,
    state,
    error,
    description,
    facts,
  });
  const responseType = params.get("response_type");
  if (responseType === undefined) return refuse("invalid_request", "response_type is required.");
  if (responseType !== "code") return refuse("unsupported_response_type", 'response_type must be "code".');
  if (state === undefined || state === "")
    return refuse("invalid_request", "state is required by this server.");
  // It rides in the sealed forms and back in the redirect: a bounded size keeps both sane.
  if (state.length > 1000) return refuse("invalid_request", "state must be at most 1000 characters.");
  const pkce = checkChallenge(
    challenge,
    params.get("code_challenge_method"),
    hasClientFault(client.client_id, "oauth_plain_pkce"),
  );
  if ("problem" in pkce) return refuse("invalid_request", pkce.problem);
  facts.challenge_valid = true;
  const served = servedResources(origin);
  const requestedResource = params.get("resource");
  const resource = requestedResource === undefined ? served[0] : normalizeResource(requestedResource);
  if (resource === null || resource === undefined || !served.includes(resource)) {
    facts.resource = "other";
    return refuse("invalid_target", `resource must be one this server serves: ${served.join(" or ")}.`);
  }
  if (requestedResource !== undefined) facts.resource = "served";
  const scope = params.get("scope") ?? client.scope;
  const allowed = new Set(client.scope.split(" "));
  if (scope === "" || scope.split(" ").some((item) => !allowed.has(item) || item !== MCP_SCOPE)) {
    return refuse("invalid_scope", `scope may only be "${client.scope}".`);
  }
  return {
    kind: "ok",
    client,
    facts,
    pending: {
      clientId: client.client_id,
      redirectUri,
      state,
      challenge: challenge ?? "",
      method: pkce.method,
      resource,
      scope,
      expiresAt: Date.now() + PENDING_TTL_MS,
    },
  };
}
