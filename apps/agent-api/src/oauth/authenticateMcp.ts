import { bearerToken } from "../auth/bearerToken.ts";
import { InvalidTokenError } from "../auth/verifyToken.ts";
import { findUser } from "../db/userStore.ts";
import { hasFault } from "../faults.ts";
import { HttpError } from "../http/HttpError.ts";
import type { RequestContext, User } from "../http/Route.ts";
import { isUuid } from "../http/readFields.ts";
import { findGrant } from "./grantStore.ts";
import { logOauth, type OauthFacts } from "./logOauth.ts";
import { MCP_RESOURCE_METADATA_PATH, MCP_SCOPE } from "./metadata.ts";
import { publicOrigin, servedResources } from "./publicOrigin.ts";

/**
 * The 401 of `/mcp` (RFC 6750 §3, RFC 9728 §5.1): the README's envelope, and a challenge that
 * names the protected-resource metadata and the scope, so a client can find the authorization
 * server from it. `realm="assay"` stays first, as on every other route.
 * @example throw mcpUnauthorized(ctx, true);
 */
export function mcpUnauthorized(
  ctx: Pick<RequestContext, "req" | "services">,
  tokenSent: boolean,
): HttpError {
  const origin = publicOrigin(ctx);
  const parts = ['Bearer realm="assay"'];
  if (origin !== null) parts.push(`resource_metadata="${origin}${MCP_RESOURCE_METADATA_PATH}"`);
  parts.push(`scope="${MCP_SCOPE}"`);
  if (tokenSent) parts.push('error="invalid_token"');
  const message = tokenSent
    ? "The bearer token is invalid, expired or not for this server."
    : "Send Authorization: Bearer <token>.";
  return new HttpError(401, "unauthorized", message, { "www-authenticate": parts.join(", ") });
}

function audiences(aud: unknown): string[] {
  if (typeof aud === "string") return [aud];
  return Array.isArray(aud) ? aud.filter((item): item is string => typeof item === "string") : [];
}

/**
 * Authenticates a request to `/mcp`. Two kinds of token are accepted, both signed with the
 * service's own key and verified like every token it takes:
 * - the REST API's own tokens (`iss` ASSAY_JWT_ISSUER, `aud` ASSAY_JWT_AUDIENCE): `/mcp` is part
 *   of that API, so its first-party tokens work here as they always did;
 * - OAuth access tokens from this server's authorization server: `iss` the public origin, `aud`
 *   one of the resources it serves (RFC 8707), and a grant that is not revoked.
 * Any other audience is refused (the MCP authorization spec's "tokens issued specifically for
 * them") — unless the user is under the `oauth_any_audience` fault. Logs one `oauth_validate` line.
 * @example route.authenticate = authenticateMcp;
 */
export async function authenticateMcp(ctx: RequestContext): Promise<User> {
  const { services } = ctx;
  const { config } = services;
  const token = bearerToken(ctx.req.headers.authorization);
  const facts: OauthFacts = { bearer: token === null ? "absent" : "present" };
  const refuse = (reason: string) => {
    logOauth(services, "validate", { ...facts, outcome: "refused", reason });
    return mcpUnauthorized(ctx, token !== null);
  };
  if (token === null) throw refuse("no_token");
  const origin = publicOrigin(ctx);
  let claims: Awaited<ReturnType<typeof services.verifyToken>>["claims"];
  try {
    const issuers: [string, ...string[]] = origin === null ? [config.jwtIssuer] : [config.jwtIssuer, origin];
    claims = (await services.verifyToken(token, { issuer: issuers, audience: null })).claims;
  } catch (error) {
    if (error instanceof InvalidTokenError) throw refuse(error.message);
    throw error;
  }
  const sub = String(claims.sub).toLowerCase();
  const aud = audiences(claims.aud);
  const served = origin === null ? [] : servedResources(origin);
  let kind: string;
  if (claims.iss === config.jwtIssuer && aud.includes(config.jwtAudience)) kind = "api";
  else if (claims.iss === origin && aud.some((item) => served.includes(item))) kind = "oauth";
  else if (hasFault(sub, "oauth_any_audience")) kind = "other_audience_accepted";
  else {
    facts.audience = "other";
    throw refuse("audience");
  }
  facts.kind = kind;
  facts.audience = kind === "other_audience_accepted" ? "other" : "ok";
  if (kind === "oauth") {
    const grant = typeof claims.gid === "string" ? await findGrant(services.pool, claims.gid) : null;
    facts.grant = grant === null ? "unknown" : grant.revoked_at === null ? "active" : "revoked";
    if (grant === null || grant.revoked_at !== null || grant.owner_id !== sub) throw refuse("grant");
  }
  const user = isUuid(sub) ? await findUser(services.pool, sub) : null;
  if (user === null) throw refuse("no_user");
  logOauth(services, "validate", { ...facts, outcome: "accepted" });
  return user;
}
