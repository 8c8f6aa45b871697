import type { AuthKind, Handler, HttpMethod, Route } from "../http/Route.ts";
import { getAuthorize, postAuthorize } from "./authorize.ts";
import {
  getAuthorizationServerMetadata,
  getMcpResourceMetadata,
  getRootResourceMetadata,
  MCP_RESOURCE_METADATA_PATH,
  OAUTH_PATHS,
} from "./metadata.ts";
import { deleteRegisteredClient, registerClient } from "./register.ts";
import { createSignInCode, putClientCodeTtl, putClientFault } from "./testSupportOauth.ts";
import { postToken } from "./token.ts";

function route(method: HttpMethod, pattern: string, auth: AuthKind, body: boolean, handler: Handler): Route {
  return { method, pattern, auth, body, handler };
}

/**
 * The authorization server and the protected-resource metadata of `/mcp` (README, "OAuth 2.1
 * for /mcp"). They take no bearer token of the API (`none`): OAuth clients authenticate in the
 * request itself, and their forms and bodies are read by the handlers (URL-encoded, not JSON).
 * @example [...routes, ...oauthRoutes]
 */
export const oauthRoutes: readonly Route[] = [
  route("GET", "/.well-known/oauth-authorization-server", "none", false, getAuthorizationServerMetadata),
  route("GET", MCP_RESOURCE_METADATA_PATH, "none", false, getMcpResourceMetadata),
  route("GET", "/.well-known/oauth-protected-resource", "none", false, getRootResourceMetadata),
  route("GET", OAUTH_PATHS.authorize, "none", false, getAuthorize),
  route("POST", OAUTH_PATHS.authorize, "none", false, postAuthorize),
  route("POST", OAUTH_PATHS.token, "none", false, postToken),
  route("POST", OAUTH_PATHS.register, "none", false, registerClient),
  route("DELETE", `${OAUTH_PATHS.register}/:id`, "none", false, deleteRegisteredClient),
  route("POST", "/v1/test-support/users/:id/sign-in-codes", "admin", false, createSignInCode),
  route("PUT", "/v1/test-support/oauth/clients/:id/faults", "admin", true, putClientFault),
  route("PUT", "/v1/test-support/oauth/clients/:id/code-ttl", "admin", true, putClientCodeTtl),
];
