import { randomUUID } from "node:crypto";
import type { Services } from "../Services.ts";
import type { OauthClient } from "./clientStore.ts";
import { extendGrant, insertRefreshToken } from "./grantStore.ts";
import { hashSecret, newSecret } from "./secrets.ts";

/** Access tokens live an hour; refresh tokens a day (each use rotates it). */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;
export const REFRESH_TOKEN_TTL_SECONDS = 86_400;

/** The token response of RFC 6749 §5.1. */
export type TokenResponse = {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  refresh_token?: string;
  scope: string;
};

/**
 * Issues an access token — a JWT signed with the service's own key, like every token it makes
 * (`typ: at+jwt`, RFC 9068 claims: `iss` the issuer, `aud` the resource, `sub` the user, plus
 * `client_id`, `scope` and `gid`, the grant /mcp checks for revocation) — and, when the client
 * may refresh, a new refresh token stored as its hash.
 * @example const body = await issueTokens(services, { issuer, client, grantId, ownerId, resource, scope });
 */
export async function issueTokens(
  services: Pick<Services, "keys" | "pool">,
  grant: {
    issuer: string;
    client: OauthClient;
    grantId: string;
    ownerId: string;
    resource: string;
    scope: string;
  },
): Promise<TokenResponse> {
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + ACCESS_TOKEN_TTL_SECONDS;
  const accessToken = services.keys.sign(
    {
      iss: grant.issuer,
      sub: grant.ownerId,
      aud: grant.resource,
      client_id: grant.client.client_id,
      scope: grant.scope,
      gid: grant.grantId,
      jti: randomUUID(),
      iat,
      exp,
    },
    { typ: "at+jwt" },
  );
  let until = new Date(exp * 1000);
  let refreshToken: string | undefined;
  if (grant.client.grant_types.includes("refresh_token")) {
    refreshToken = newSecret();
    until = new Date((iat + REFRESH_TOKEN_TTL_SECONDS) * 1000);
    await insertRefreshToken(services.pool, {
      hash: hashSecret(refreshToken),
      grantId: grant.grantId,
      ownerId: grant.ownerId,
      expiresAt: until,
    });
  }
  await extendGrant(services.pool, grant.grantId, until);
  return {
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
    scope: grant.scope,
  };
}
