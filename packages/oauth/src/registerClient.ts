import { checkDocument } from "./checkDocument.ts";
import type { Discovery } from "./discoverOauth.ts";
import { type Exchange, httpExchange } from "./httpExchange.ts";
import { OauthFlowError } from "./OauthFlowError.ts";

/** How a client authenticates at the token endpoint. */
export type ClientAuthMethod = "none" | "client_secret_basic" | "client_secret_post";

/** A client the flow can use: registered just now, or given by the environment. */
export interface OauthClient {
  clientId: string;
  /** Never print it. */
  clientSecret?: string;
  redirectUri: string;
  authMethod: ClientAuthMethod;
  /** The authorization server it belongs to (the MCP spec: credentials are bound to their issuer). */
  issuer: string;
  source: "dynamic" | "pre-registered";
  /** RFC 7592: with these the client can delete itself. Never print the token. */
  registrationAccessToken?: string;
  registrationClientUri?: string;
}

/** What a registration asks for. */
export interface RegistrationOptions {
  redirectUri: string;
  /** `web` for an https redirect on a real host, `native` for loopback (the MCP spec: must be given). */
  applicationType?: "web" | "native";
  authMethod?: ClientAuthMethod;
  clientName?: string;
  grantTypes?: string[];
  /** Told every secret the server hands out (client secret, registration access token). */
  onSecret?: (secret: string) => void;
}

interface RegistrationResponse {
  client_id: string;
  client_secret?: string;
  redirect_uris?: string[];
  token_endpoint_auth_method?: string;
  registration_access_token?: string;
  registration_client_uri?: string;
}

/**
 * Registers a client dynamically (RFC 7591) at the discovered registration endpoint, with the
 * `application_type` the MCP spec requires a client to send. The response is checked against
 * `http/oauth-client-registration.v1`; a refusal is an {@link OauthFlowError} carrying the
 * server's `error` (checked against `http/oauth-error.v1`).
 *
 * @example
 * const client = await registerClient(discovery, { redirectUri: "https://client.assay.test/callback" });
 */
export async function registerClient(
  discovery: Discovery,
  options: RegistrationOptions,
  log: Exchange[] = [],
): Promise<OauthClient> {
  const endpoint = discovery.server.registration_endpoint;
  if (endpoint === undefined) {
    throw new OauthFlowError(
      "registration",
      "the authorization server offers no registration_endpoint; set ASSAY_OAUTH_CLIENT_ID (and _SECRET) to a pre-registered client",
    );
  }
  const authMethod = options.authMethod ?? "none";
  const answer = await httpExchange(log, endpoint, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({
      redirect_uris: [options.redirectUri],
      application_type: options.applicationType ?? "web",
      token_endpoint_auth_method: authMethod,
      grant_types: options.grantTypes ?? ["authorization_code", "refresh_token"],
      response_types: ["code"],
      client_name: options.clientName ?? "Assay OAuth suite",
      ...(discovery.scope === undefined ? {} : { scope: discovery.scope }),
    }),
  });
  if (answer.status !== 201) {
    const refusal = answer.json as { error?: string; error_description?: string } | undefined;
    if (refusal?.error !== undefined) checkDocument("registration", "http/oauth-error.v1", refusal);
    throw new OauthFlowError(
      "registration",
      `POST ${endpoint} answered ${answer.status}${refusal?.error === undefined ? "" : ` ${refusal.error}: ${refusal.error_description ?? ""}`}, expected 201`,
      { status: answer.status, ...(refusal?.error === undefined ? {} : { error: refusal.error }) },
    );
  }
  const body = checkDocument<RegistrationResponse>(
    "registration",
    "http/oauth-client-registration.v1",
    answer.json,
  );
  for (const secret of [body.client_secret, body.registration_access_token]) {
    if (secret !== undefined) options.onSecret?.(secret);
  }
  if (body.redirect_uris !== undefined && !body.redirect_uris.includes(options.redirectUri)) {
    throw new OauthFlowError(
      "registration",
      `the registered redirect_uris do not include ${options.redirectUri}`,
    );
  }
  const registered = body.token_endpoint_auth_method ?? "client_secret_basic";
  if (registered !== "none" && registered !== "client_secret_basic" && registered !== "client_secret_post") {
    throw new OauthFlowError(
      "registration",
      `the server registered token_endpoint_auth_method ${registered}, which Assay does not speak`,
    );
  }
  return {
    clientId: body.client_id,
    ...(body.client_secret === undefined ? {} : { clientSecret: body.client_secret }),
    redirectUri: options.redirectUri,
    authMethod: registered,
    issuer: discovery.server.issuer,
    source: "dynamic",
    ...(body.registration_access_token === undefined
      ? {}
      : {
          registrationAccessToken: body.registration_access_token,
          registrationClientUri: body.registration_client_uri,
        }),
  };
}

/**
 * Deletes a dynamically registered client through RFC 7592 (`DELETE registration_client_uri`
 * with its registration access token). Resolves false when the server gave no way to (no
 * registration access token); throws when the server refuses.
 *
 * @example
 * await deleteClient(client);
 */
export async function deleteClient(client: OauthClient, log: Exchange[] = []): Promise<boolean> {
  if (client.registrationAccessToken === undefined || client.registrationClientUri === undefined)
    return false;
  const answer = await httpExchange(log, client.registrationClientUri, {
    method: "DELETE",
    headers: { authorization: `Bearer ${client.registrationAccessToken}` },
  });
  if (answer.status !== 204) {
    throw new OauthFlowError(
      "registration",
      `DELETE ${client.registrationClientUri} answered ${answer.status}, expected 204`,
    );
  }
  return true;
}
