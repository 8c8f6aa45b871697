import { HttpError } from "../http/HttpError.ts";
import type { Handler, RequestContext } from "../http/Route.ts";
import { MCP_RESOURCE_PATH, publicOrigin } from "./publicOrigin.ts";

/** The one scope: every MCP tool, acting as the signed-in user. */
export const MCP_SCOPE = "mcp";

/** The authorization server's endpoints, relative to the issuer. */
export const OAUTH_PATHS = {
  authorize: "/oauth/authorize",
  token: "/oauth/token",
  register: "/oauth/register",
} as const;

/** Where the protected-resource metadata of `/mcp` lives (RFC 9728 §3.1, path inserted). */
export const MCP_RESOURCE_METADATA_PATH = `/.well-known/oauth-protected-resource${MCP_RESOURCE_PATH}`;

/**
 * The request's public origin, or a 400 when the Host header cannot be one.
 * @example const issuer = requireOrigin(ctx);
 */
export function requireOrigin(ctx: RequestContext): string {
  const origin = publicOrigin(ctx);
  if (origin === null) {
    throw new HttpError(400, "validation_failed", "Send a Host header naming the service (host[:port]).");
  }
  return origin;
}

/**
 * `GET /.well-known/oauth-authorization-server` (RFC 8414): the issuer is the service's origin;
 * S256 is the only PKCE method; `iss` comes back in authorization responses (RFC 9207).
 */
export const getAuthorizationServerMetadata: Handler = async (ctx) => {
  const issuer = requireOrigin(ctx);
  return {
    status: 200,
    body: {
      issuer,
      authorization_endpoint: issuer + OAUTH_PATHS.authorize,
      token_endpoint: issuer + OAUTH_PATHS.token,
      registration_endpoint: issuer + OAUTH_PATHS.register,
      scopes_supported: [MCP_SCOPE],
      response_types_supported: ["code"],
      response_modes_supported: ["query"],
      grant_types_supported: ["authorization_code", "refresh_token"],
      token_endpoint_auth_methods_supported: ["none", "client_secret_basic", "client_secret_post"],
      code_challenge_methods_supported: ["S256"],
      authorization_response_iss_parameter_supported: true,
    },
  };
};

function resourceMetadata(resource: string, issuer: string) {
  return {
    resource,
    authorization_servers: [issuer],
    scopes_supported: [MCP_SCOPE],
    bearer_methods_supported: ["header"],
    resource_name: "Assay reference MCP server",
  };
}

/** `GET /.well-known/oauth-protected-resource/mcp` (RFC 9728): the metadata of `/mcp` itself. */
export const getMcpResourceMetadata: Handler = async (ctx) => {
  const origin = requireOrigin(ctx);
  return { status: 200, body: resourceMetadata(origin + MCP_RESOURCE_PATH, origin) };
};

/**
 * `GET /.well-known/oauth-protected-resource`: the origin as a resource (RFC 9728 §3.3: the
 * `resource` names what the well-known URL was built from). A client that only finds this
 * document asks for tokens for the origin; `/mcp` accepts those too.
 */
export const getRootResourceMetadata: Handler = async (ctx) => {
  const origin = requireOrigin(ctx);
  return { status: 200, body: resourceMetadata(origin, origin) };
};
