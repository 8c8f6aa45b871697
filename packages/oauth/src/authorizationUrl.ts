import { randomBytes } from "node:crypto";
import type { Pkce } from "./createPkce.ts";
import type { Discovery } from "./discoverOauth.ts";
import type { OauthClient } from "./registerClient.ts";

/** Parameters of an authorization request; `undefined` leaves one out (how the negative cases break it). */
export type AuthorizationParams = Record<string, string | undefined>;

/**
 * The parameters a well-behaved MCP client sends (the MCP authorization spec): the code flow,
 * its redirect URI, a fresh `state`, the S256 challenge, the `resource` it wants a token for
 * (RFC 8707) and the scope discovery selected.
 *
 * @example
 * const params = authorizationParams(discovery, client, pkce);
 */
export function authorizationParams(
  discovery: Discovery,
  client: OauthClient,
  pkce: Pkce,
): AuthorizationParams {
  return {
    response_type: "code",
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    state: randomBytes(16).toString("base64url"),
    code_challenge: pkce.challenge,
    code_challenge_method: pkce.method,
    resource: discovery.resource.resource,
    scope: discovery.scope,
  };
}

/**
 * The authorization endpoint's URL with these parameters in its query (its own query kept).
 *
 * @example
 * const url = authorizationUrl(discovery, { ...authorizationParams(discovery, client, pkce), state: undefined });
 */
export function authorizationUrl(discovery: Discovery, params: AuthorizationParams): string {
  const url = new URL(discovery.server.authorization_endpoint);
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.append(name, value);
  return url.href;
}
