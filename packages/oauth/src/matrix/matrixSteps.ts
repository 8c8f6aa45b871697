import { type AuthorizationParams, authorizationParams, authorizationUrl } from "../authorizationUrl.ts";
import { createPkce, type Pkce } from "../createPkce.ts";
import { httpExchange } from "../httpExchange.ts";
import { OauthFlowError } from "../OauthFlowError.ts";
import { readAuthorizationResponse } from "../readAuthorizationResponse.ts";
import type { OauthClient } from "../registerClient.ts";
import { requestToken, type TokenOutcome } from "../requestToken.ts";
import { signInHeadless } from "../signInHeadless.ts";
import type { CaseOutcome, MatrixContext } from "./MatrixContext.ts";

/** How many tokens a token endpoint answer handed out. */
export function tokensIn(outcome: TokenOutcome): number {
  if (!outcome.ok) return 0;
  return 1 + (outcome.tokens.refresh_token === undefined ? 0 : 1);
}

/** A token answer in one line, no secret: `400 invalid_grant` or `200 with 2 token(s)`. */
export function describeToken(outcome: TokenOutcome): string {
  return outcome.ok
    ? `${outcome.status} with ${tokensIn(outcome)} token(s)`
    : `${outcome.status} ${outcome.error}`;
}

/** What the authorization endpoint did with a request, after a sign-in if it asked for one. */
export type AuthorizeOutcome =
  | { kind: "page"; status: number; error: string | undefined }
  | { kind: "error"; error: string; state: string | undefined; iss: string | undefined }
  | { kind: "code"; code: string; redirectUri: string };

/**
 * Sends an authorization request and signs in if the server asks: the server either refuses
 * without redirecting (an error page), redirects back with an error, or — the request accepted —
 * redirects back with a code. The response is read raw (state and iss are the case's to judge).
 */
export async function authorize(ctx: MatrixContext, params: AuthorizationParams): Promise<AuthorizeOutcome> {
  const redirectUri = params.redirect_uri ?? ctx.redirectUri;
  let callback: string;
  try {
    ({ callback } = await signInHeadless({
      authorizationUrl: authorizationUrl(ctx.discovery, params),
      redirectUri,
      page: await ctx.signIn(),
      log: ctx.log,
    }));
  } catch (error) {
    if (error instanceof OauthFlowError && error.step === "sign-in" && error.status !== undefined)
      return { kind: "page", status: error.status, error: error.error };
    throw error;
  }
  const query = new URL(callback).searchParams;
  const code = query.get("code");
  if (code !== null) {
    ctx.onSecret(code);
    return { kind: "code", code, redirectUri };
  }
  return {
    kind: "error",
    error: query.get("error") ?? "(no error parameter)",
    state: query.get("state") ?? undefined,
    iss: query.get("iss") ?? undefined,
  };
}

/** A code the way a good client gets one: PKCE S256, state, resource; the response's state and iss checked. */
export async function goodCode(
  ctx: MatrixContext,
  client: OauthClient,
): Promise<{ code: string; pkce: Pkce; params: AuthorizationParams }> {
  const pkce = createPkce();
  ctx.onSecret(pkce.verifier);
  const params = authorizationParams(ctx.discovery, client, pkce);
  const { callback } = await signInHeadless({
    authorizationUrl: authorizationUrl(ctx.discovery, params),
    redirectUri: client.redirectUri,
    page: await ctx.signIn(),
    log: ctx.log,
  });
  const response = readAuthorizationResponse(callback, {
    state: params.state,
    issuer: ctx.discovery.server.issuer,
    issSupported: ctx.discovery.server.authorization_response_iss_parameter_supported === true,
  });
  if (response.kind !== "code") {
    throw new OauthFlowError("authorization", `a well-formed request was refused with ${response.error}`, {
      error: response.error,
    });
  }
  ctx.onSecret(response.code);
  return { code: response.code, pkce, params };
}

/** A token request for a case; tokens in the answer are recorded as secrets. */
export function token(
  ctx: MatrixContext,
  client: OauthClient,
  params: Record<string, string | undefined>,
  clientSecret?: string,
): Promise<TokenOutcome> {
  return requestToken(ctx.discovery, client, params, {
    log: ctx.log,
    onSecret: (secret) => ctx.onSecret(secret),
    ...(clientSecret === undefined ? {} : { clientSecret }),
  });
}

/** The code grant's parameters for a code a good client got. */
export function codeGrant(client: OauthClient, got: { code: string; pkce: Pkce }, ctx: MatrixContext) {
  return {
    grant_type: "authorization_code",
    code: got.code,
    code_verifier: got.pkce.verifier,
    redirect_uri: client.redirectUri,
    resource: ctx.discovery.resource.resource,
  };
}

/**
 * Whether the MCP endpoint takes a token: the status of an `initialize` with it (a session it
 * opens is closed again) and its `WWW-Authenticate`.
 */
export async function mcpAccepts(
  ctx: MatrixContext,
  token: string,
): Promise<{ status: number; challenge: string | null }> {
  const headers = {
    authorization: `Bearer ${token}`,
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
  };
  const answer = await httpExchange(ctx.log, ctx.mcpUrl, {
    method: "POST",
    headers,
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: {
        protocolVersion: "2025-11-25",
        capabilities: {},
        clientInfo: { name: "assay-oauth", version: "0.1.0" },
      },
    }),
  });
  const session = answer.headers.get("mcp-session-id");
  if (session !== null)
    await httpExchange(ctx.log, ctx.mcpUrl, {
      method: "DELETE",
      headers: { ...headers, "mcp-session-id": session },
    });
  return { status: answer.status, challenge: answer.headers.get("www-authenticate") };
}

/**
 * Judges an authorization request that must be refused. `expected` is the error the redirect must
 * carry, or `page` when the server must not redirect at all. A request the server accepts is
 * followed to its end: the code is redeemed (with `verifier`) and the tokens counted, so the
 * matrix shows what the mistake hands out.
 */
export async function refusedAtAuthorization(
  ctx: MatrixContext,
  client: OauthClient,
  params: AuthorizationParams,
  expected: { error: string } | "page",
  verifier?: string,
): Promise<CaseOutcome> {
  const outcome = await authorize(ctx, params);
  if (outcome.kind === "page") {
    const got = `no redirect, ${outcome.status} page${outcome.error === undefined ? "" : ` (${outcome.error})`}`;
    return {
      got,
      pass: expected === "page" && outcome.status >= 400 && outcome.status < 500,
      tokensIssued: 0,
    };
  }
  if (outcome.kind === "error") {
    const issuer = ctx.discovery.server.issuer;
    const problems: string[] = [];
    if (outcome.iss !== undefined && outcome.iss !== issuer) problems.push("iss is not the issuer");
    if (params.state !== undefined && outcome.state !== params.state) problems.push("state not echoed");
    const got = `redirect with error=${outcome.error}${problems.length > 0 ? ` (${problems.join(", ")})` : ""}`;
    const pass = expected !== "page" && outcome.error === expected.error && problems.length === 0;
    return {
      got: expected === "page" ? `${got}: redirected to an unregistered URI` : got,
      pass,
      tokensIssued: 0,
    };
  }
  const redeemed = await token(ctx, client, {
    grant_type: "authorization_code",
    code: outcome.code,
    code_verifier: verifier,
    redirect_uri: outcome.redirectUri,
    resource: params.resource,
  });
  const issued = tokensIn(redeemed);
  return {
    got: `accepted: a code${expected === "page" ? ` sent to ${outcome.redirectUri.split("?")[0]}` : ""}, redeemed ${describeToken(redeemed)}`,
    pass: false,
    tokensIssued: issued,
  };
}

/** Judges a token request that must be refused with `status` and `error`. */
export function refusedAtToken(outcome: TokenOutcome, status: number, error: string): CaseOutcome {
  return {
    got: describeToken(outcome),
    pass: !outcome.ok && outcome.status === status && outcome.error === error,
    tokensIssued: tokensIn(outcome),
  };
}
