import { hasClientFault } from "../faults.ts";
import type { Handler, RequestContext } from "../http/Route.ts";
import { authenticateClient } from "./authenticateClient.ts";
import type { OauthClient } from "./clientStore.ts";
import { consumeRefreshToken, findGrant, findRefreshToken, revokeGrant } from "./grantStore.ts";
import { issueTokens, type TokenResponse } from "./issueTokens.ts";
import { logOauth, type OauthFacts } from "./logOauth.ts";
import { requireOrigin } from "./metadata.ts";
import { OauthError, oauthErrorReply } from "./OauthError.ts";
import { verifierMatches } from "./pkce.ts";
import { normalizeResource } from "./publicOrigin.ts";
import { readForm } from "./readForm.ts";
import { hashSecret } from "./secrets.ts";

const invalidGrant = (description: string) => new OauthError(400, "invalid_grant", description);

function checkResource(requested: string | undefined, granted: string, facts: OauthFacts): void {
  if (requested === undefined) return;
  if (normalizeResource(requested) !== granted) {
    facts.resource = "mismatch";
    throw new OauthError(400, "invalid_target", "resource differs from the one authorized.");
  }
  facts.resource = "match";
}

// RFC 6749 §4.1.3 and OAuth 2.1 §4.1.3, in an order that never lets a failed check leave tokens
// behind: the code is looked up, checked against the client, its expiry, redirect URI and
// resource, then used up (one UPDATE: of two racing redemptions one wins), and only then is the
// verifier compared — a wrong verifier burns the code. A second use revokes the grant, so the
// tokens the first use got stop working too (OAuth 2.1 §4.1.3: "SHOULD revoke").
async function redeemCode(
  ctx: RequestContext,
  client: OauthClient,
  form: Map<string, string>,
  facts: OauthFacts,
  issuer: string,
): Promise<TokenResponse> {
  const { services } = ctx;
  const code = form.get("code");
  const verifier = form.get("code_verifier");
  facts.code = code === undefined ? "absent" : "present";
  facts.verifier = verifier === undefined ? "absent" : "present";
  if (code === undefined) throw new OauthError(400, "invalid_request", "code is required.");
  if (verifier === undefined)
    throw new OauthError(400, "invalid_request", "code_verifier is required (PKCE).");
  const hash = hashSecret(code);
  const row = await services.oauth.codes.find(hash);
  if (row === null) {
    facts.code = "unknown";
    throw invalidGrant("The code is not valid.");
  }
  if (row.client_id !== client.client_id) {
    facts.code = "other_client";
    throw invalidGrant("The code was issued to another client.");
  }
  if (row.expires_at.getTime() <= Date.now()) {
    facts.code = "expired";
    throw invalidGrant("The code expired.");
  }
  const redirectUri = form.get("redirect_uri");
  if (redirectUri !== undefined && redirectUri !== row.redirect_uri) {
    facts.redirect_uri = "mismatch";
    throw invalidGrant("redirect_uri differs from the authorization request's.");
  }
  checkResource(form.get("resource"), row.resource, facts);
  const consumed = await services.oauth.codes.consume(hash);
  if (!consumed && !hasClientFault(client.client_id, "oauth_code_reuse")) {
    facts.code = "reused";
    await revokeGrant(services.pool, row.grant_id, "code_reused");
    throw invalidGrant("The code was already used; what it gave is revoked.");
  }
  facts.code = consumed ? "valid" : "reused_accepted";
  const verified = verifierMatches(verifier, row.code_challenge, row.code_challenge_method);
  facts.verifier_valid = verified;
  if (!verified) throw invalidGrant("code_verifier does not match the code_challenge.");
  const grant = await findGrant(services.pool, row.grant_id);
  if (grant === null || grant.revoked_at !== null) throw invalidGrant("The grant was revoked.");
  return issueTokens(services, {
    issuer,
    client,
    grantId: row.grant_id,
    ownerId: row.owner_id,
    resource: row.resource,
    scope: row.scope,
  });
}

// Rotation (OAuth 2.1 §4.3.1): each refresh token works once; a second use means it leaked, and
// the whole grant — every refresh and access token it led to — is revoked.
async function refresh(
  ctx: RequestContext,
  client: OauthClient,
  form: Map<string, string>,
  facts: OauthFacts,
  issuer: string,
): Promise<TokenResponse> {
  const { services } = ctx;
  const presented = form.get("refresh_token");
  facts.refresh_token = presented === undefined ? "absent" : "present";
  if (presented === undefined) throw new OauthError(400, "invalid_request", "refresh_token is required.");
  const hash = hashSecret(presented);
  const row = await findRefreshToken(services.pool, hash);
  const grant = row === null ? null : await findGrant(services.pool, row.grant_id);
  if (row === null || grant === null) {
    facts.refresh_token = "unknown";
    throw invalidGrant("The refresh token is not valid.");
  }
  if (grant.client_id !== client.client_id) {
    facts.refresh_token = "other_client";
    throw invalidGrant("The refresh token was issued to another client.");
  }
  if (row.expires_at.getTime() <= Date.now() || grant.revoked_at !== null) {
    facts.refresh_token = grant.revoked_at === null ? "expired" : "revoked";
    throw invalidGrant("The refresh token expired or was revoked.");
  }
  checkResource(form.get("resource"), grant.resource, facts);
  const scope = form.get("scope") ?? grant.scope;
  const granted = new Set(grant.scope.split(" "));
  if (scope === "" || scope.split(" ").some((item) => !granted.has(item)))
    throw new OauthError(400, "invalid_scope", "scope may not exceed what was granted.");
  if (!(await consumeRefreshToken(services.pool, hash))) {
    facts.refresh_token = "reused";
    await revokeGrant(services.pool, grant.id, "refresh_reused");
    throw invalidGrant("The refresh token was already used; its grant is revoked.");
  }
  facts.refresh_token = "valid";
  return issueTokens(services, {
    issuer,
    client,
    grantId: grant.id,
    ownerId: grant.owner_id,
    resource: grant.resource,
    scope,
  });
}

/**
 * `POST /oauth/token`: the authorization code grant with PKCE and the refresh token grant with
 * rotation. Answers the RFC 6749 §5.1 JSON or a §5.2 error; logs one `oauth_token` line that says
 * which parameters came and whether they held — never their values.
 */
export const postToken: Handler = async (ctx) => {
  const { services } = ctx;
  const facts: OauthFacts = { grant_type: null, client_id: null };
  try {
    const issuer = requireOrigin(ctx);
    const form = await readForm(ctx.req);
    const grantType = form.get("grant_type");
    facts.grant_type = (grantType ?? "absent").slice(0, 40);
    if (grantType === undefined) throw new OauthError(400, "invalid_request", "grant_type is required.");
    if (grantType !== "authorization_code" && grantType !== "refresh_token")
      throw new OauthError(
        400,
        "unsupported_grant_type",
        "grant_type must be authorization_code or refresh_token.",
      );
    const client = await authenticateClient(ctx, form);
    facts.client_id = client.client_id;
    if (!client.grant_types.includes(grantType))
      throw new OauthError(
        400,
        "unauthorized_client",
        `This client did not register the ${grantType} grant.`,
      );
    const body =
      grantType === "authorization_code"
        ? await redeemCode(ctx, client, form, facts, issuer)
        : await refresh(ctx, client, form, facts, issuer);
    logOauth(services, "token", {
      ...facts,
      outcome: "issued",
      refresh_issued: body.refresh_token !== undefined,
    });
    return { status: 200, headers: { pragma: "no-cache" }, body };
  } catch (error) {
    if (!(error instanceof OauthError)) throw error;
    logOauth(services, "token", { ...facts, outcome: "refused", error: error.error });
    return oauthErrorReply(error);
  }
};
