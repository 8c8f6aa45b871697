import { hasClientFault } from "../faults.ts";
import type { Handler, Reply, RequestContext } from "../http/Route.ts";
import { checkAuthorizationRequest } from "./checkAuthorizationRequest.ts";
import { findClient } from "./clientStore.ts";
import { createGrant } from "./grantStore.ts";
import { logOauth } from "./logOauth.ts";
import { requireOrigin } from "./metadata.ts";
import { describeOauthError, OauthError } from "./OauthError.ts";
import { consentPage, errorPage, signInPage } from "./pages.ts";
import { readForm, readParameters } from "./readForm.ts";
import type { PendingAuthorization } from "./sealRequest.ts";
import { hashSecret, newSecret } from "./secrets.ts";
import { consumeSignInCode } from "./signInCodes.ts";

/**
 * A redirect back to the client with the authorization response in the query (RFC 6749 §4.1.2),
 * `iss` always (RFC 9207), `state` when the request had one. The redirect URI's own query stays.
 * @example return redirectTo(pending.redirectUri, { code, state, iss });
 */
export function redirectTo(redirectUri: string, params: Record<string, string | undefined>): Reply {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    url.searchParams.append(name, name === "error_description" ? describeOauthError(value) : value);
  }
  return { status: 302, headers: { location: url.href } };
}

/**
 * `GET /oauth/authorize`: checks the request, then shows the sign-in form; errors go back to the
 * client as RFC 6749 §4.1.2.1 says (or to an error page when the client cannot be trusted).
 */
export const getAuthorize: Handler = async (ctx) => {
  const { services } = ctx;
  const issuer = requireOrigin(ctx);
  let params: Map<string, string>;
  try {
    params = readParameters(ctx.query);
  } catch (error) {
    if (!(error instanceof OauthError)) throw error;
    logOauth(services, "authorize", { outcome: "refused", error: error.error, reason: "repeated_parameter" });
    return errorPage(error.error, error.message);
  }
  const checked = await checkAuthorizationRequest(services.pool, params, issuer);
  if (checked.kind === "page") {
    logOauth(services, "authorize", { ...checked.facts, outcome: "refused", error: checked.error });
    return errorPage(checked.error, checked.description);
  }
  if (checked.kind === "redirect") {
    logOauth(services, "authorize", { ...checked.facts, outcome: "refused", error: checked.error });
    return redirectTo(checked.redirectUri, {
      error: checked.error,
      error_description: checked.description,
      state: checked.state,
      iss: issuer,
    });
  }
  logOauth(services, "authorize", { ...checked.facts, outcome: "sign_in_shown" });
  return signInPage({
    clientName: checked.client.client_name ?? checked.client.client_id,
    sealed: services.oauth.sealer.seal(checked.pending),
  });
};

async function issueCode(
  ctx: RequestContext,
  pending: PendingAuthorization,
  userId: string,
): Promise<string> {
  const { services } = ctx;
  const client = await findClient(services.pool, pending.clientId);
  if (client === null) throw new OauthError(400, "invalid_request", "The client was deleted meanwhile.");
  const expiresAt = new Date(Date.now() + client.code_ttl_seconds * 1000);
  const grantId = await createGrant(services.pool, {
    clientId: client.client_id,
    ownerId: userId,
    resource: pending.resource,
    scope: pending.scope,
    expiresAt,
  }).catch((error: unknown) => {
    // 23503: the user was deleted between sign-in and consent.
    if ((error as { code?: string }).code === "23503")
      throw new OauthError(400, "access_denied", "The signed-in user no longer exists.");
    throw error;
  });
  const code = newSecret();
  await services.oauth.codes.insert(
    {
      code_hash: hashSecret(code),
      grant_id: grantId,
      client_id: client.client_id,
      owner_id: userId,
      redirect_uri: pending.redirectUri,
      code_challenge: pending.challenge,
      code_challenge_method: pending.method,
      resource: pending.resource,
      scope: pending.scope,
      expires_at: expiresAt,
    },
    hasClientFault(client.client_id, "oauth_codes_in_memory"),
  );
  return code;
}

async function consent(ctx: RequestContext, pending: PendingAuthorization, decision: string): Promise<Reply> {
  const { services } = ctx;
  const issuer = requireOrigin(ctx);
  const facts = { client_id: pending.clientId, decision: decision.slice(0, 20) };
  if (pending.userId === undefined || (decision !== "allow" && decision !== "deny")) {
    logOauth(services, "consent", { ...facts, outcome: "refused", error: "invalid_request" });
    return errorPage("invalid_request", "Sign in first, then allow or deny.");
  }
  if (decision === "deny") {
    logOauth(services, "consent", { ...facts, outcome: "denied", error: "access_denied" });
    return redirectTo(pending.redirectUri, {
      error: "access_denied",
      error_description: "The user denied the request.",
      state: pending.state,
      iss: issuer,
    });
  }
  const code = await issueCode(ctx, pending, pending.userId);
  logOauth(services, "consent", { ...facts, outcome: "code_issued", challenge_method: pending.method });
  return redirectTo(pending.redirectUri, { code, state: pending.state, iss: issuer });
}

/**
 * `POST /oauth/authorize`: the sign-in form (email + one-time sign-in code → the consent page)
 * and the consent form (allow → a code to the redirect URI, deny → `access_denied`). Both carry
 * the checked request sealed; a form that does not open (tampered, expired) is an error page.
 */
export const postAuthorize: Handler = async (ctx) => {
  const { services } = ctx;
  let form: Map<string, string>;
  try {
    form = await readForm(ctx.req);
  } catch (error) {
    if (!(error instanceof OauthError)) throw error;
    return errorPage(error.error, error.message);
  }
  const pending = services.oauth.sealer.open(form.get("request") ?? "");
  if (pending === null) {
    logOauth(services, "sign_in", {
      outcome: "refused",
      error: "invalid_request",
      reason: "form_expired_or_tampered",
    });
    return errorPage("invalid_request", "This form expired or was changed. Start the authorization again.");
  }
  try {
    const decision = form.get("decision");
    if (decision !== undefined) return await consent(ctx, pending, decision);
    const client = await findClient(services.pool, pending.clientId);
    if (client === null) return errorPage("invalid_request", "The client was deleted meanwhile.");
    const clientName = client.client_name ?? client.client_id;
    const email = form.get("email") ?? "";
    const code = form.get("code") ?? "";
    const user =
      email === "" || code === "" ? null : await consumeSignInCode(services.pool, email, hashSecret(code));
    const facts = {
      client_id: client.client_id,
      email: email === "" ? "absent" : "present",
      code: code === "" ? "absent" : "present",
    };
    if (user === null) {
      logOauth(services, "sign_in", { ...facts, outcome: "refused" });
      return signInPage({
        clientName,
        sealed: form.get("request") ?? "",
        error: "That email and sign-in code do not match.",
      });
    }
    logOauth(services, "sign_in", { ...facts, outcome: "signed_in" });
    return consentPage({
      clientName,
      clientId: client.client_id,
      email: user.email,
      resource: pending.resource,
      scope: pending.scope,
      redirectUri: pending.redirectUri,
      sealed: services.oauth.sealer.seal({ ...pending, userId: user.id }),
    });
  } catch (error) {
    if (!(error instanceof OauthError)) throw error;
    return errorPage(error.error, error.message);
  }
};
