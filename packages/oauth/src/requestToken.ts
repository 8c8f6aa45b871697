import { checkDocument } from "./checkDocument.ts";
import type { Discovery } from "./discoverOauth.ts";
import { type Exchange, type HttpAnswer, httpExchange } from "./httpExchange.ts";
import { OauthFlowError } from "./OauthFlowError.ts";
import type { OauthClient } from "./registerClient.ts";

/** RFC 6749 §5.1. */
export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in?: number;
  refresh_token?: string;
  scope?: string;
}

/** A token endpoint answer: the tokens, or the RFC 6749 §5.2 error. */
export type TokenOutcome =
  | { ok: true; status: number; tokens: TokenResponse }
  | { ok: false; status: number; error: string; description: string | undefined };

function form(params: Record<string, string | undefined>): string {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) body.append(name, value);
  return body.toString();
}

/**
 * Sends one token request with the client's authentication (RFC 6749 §2.3.1: HTTP Basic with
 * form-encoded parts, or `client_secret` in the body; a public client names itself with
 * `client_id`) and reads the answer against `http/oauth-token.v1` or `http/oauth-error.v1`.
 * `undefined` parameters are left out; `client_id: undefined` in `params` drops it even for a
 * public client. Every token in a 200 goes to `onSecret`.
 *
 * @example
 * const outcome = await requestToken(discovery, client, { grant_type: "authorization_code", code, code_verifier });
 */
export async function requestToken(
  discovery: Discovery,
  client: OauthClient,
  params: Record<string, string | undefined>,
  options: { log?: Exchange[]; onSecret?: (secret: string) => void; clientSecret?: string } = {},
): Promise<TokenOutcome & { answer: HttpAnswer }> {
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json",
  };
  const body: Record<string, string | undefined> = {};
  const secret = options.clientSecret ?? client.clientSecret;
  if (client.authMethod === "client_secret_basic") {
    const part = (value: string) => encodeURIComponent(value).replaceAll("%20", "+");
    headers.authorization = `Basic ${Buffer.from(`${part(client.clientId)}:${part(secret ?? "")}`).toString("base64")}`;
  } else {
    body.client_id = client.clientId;
    if (client.authMethod === "client_secret_post") body.client_secret = secret;
  }
  const answer = await httpExchange(options.log ?? [], discovery.server.token_endpoint, {
    method: "POST",
    headers,
    body: form({ ...body, ...params }),
  });
  if (answer.status === 200) {
    const tokens = checkDocument<TokenResponse>("token", "http/oauth-token.v1", answer.json);
    options.onSecret?.(tokens.access_token);
    if (tokens.refresh_token !== undefined) options.onSecret?.(tokens.refresh_token);
    return { ok: true, status: 200, tokens, answer };
  }
  const refusal = answer.json as { error?: string; error_description?: string } | undefined;
  // A token in an error answer would be a token issued by mistake: the caller counts it.
  if (refusal === undefined || refusal.error === undefined) {
    return {
      ok: false,
      status: answer.status,
      error: `HTTP ${answer.status} without an OAuth error body`,
      description: undefined,
      answer,
    };
  }
  checkDocument("token", "http/oauth-error.v1", refusal);
  return {
    ok: false,
    status: answer.status,
    error: refusal.error,
    description: refusal.error_description,
    answer,
  };
}

/**
 * {@link requestToken} for a grant that must succeed: the tokens, or an {@link OauthFlowError}
 * naming the server's error.
 *
 * @example
 * const tokens = await obtainTokens(discovery, client, { grant_type: "refresh_token", refresh_token });
 */
export async function obtainTokens(
  discovery: Discovery,
  client: OauthClient,
  params: Record<string, string | undefined>,
  options: { log?: Exchange[]; onSecret?: (secret: string) => void } = {},
): Promise<TokenResponse> {
  const outcome = await requestToken(discovery, client, params, options);
  if (outcome.ok) return outcome.tokens;
  throw new OauthFlowError(
    "token",
    `${params.grant_type ?? "token"} request answered ${outcome.status} ${outcome.error}${outcome.description === undefined ? "" : `: ${outcome.description}`}, expected 200 with tokens`,
    { status: outcome.status, error: outcome.error },
  );
}
