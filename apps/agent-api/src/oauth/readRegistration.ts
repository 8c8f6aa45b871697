import type { TokenAuthMethod } from "./clientStore.ts";
import { MCP_SCOPE } from "./metadata.ts";
import { OauthError } from "./OauthError.ts";
import { type ApplicationType, redirectUriProblem } from "./redirectUris.ts";

/** The client metadata this server keeps from a registration request (RFC 7591 §2). */
export type Registration = {
  redirect_uris: string[];
  application_type: ApplicationType;
  token_endpoint_auth_method: TokenAuthMethod;
  grant_types: string[];
  client_name: string | null;
  scope: string;
};

const AUTH_METHODS: readonly TokenAuthMethod[] = ["none", "client_secret_basic", "client_secret_post"];
const GRANT_TYPES = ["authorization_code", "refresh_token"];

function metadataError(message: string): OauthError {
  return new OauthError(400, "invalid_client_metadata", message);
}

function text(value: unknown, field: string, max: number): string {
  if (typeof value !== "string" || value.length === 0 || value.length > max)
    throw metadataError(`${field} must be a string of 1 to ${max} characters.`);
  if (value.includes("\u0000") || !value.isWellFormed())
    throw metadataError(`${field} must not hold NUL characters or lone surrogates.`);
  return value;
}

function list(value: unknown, field: string, fallback: string[]): string[] {
  if (value === undefined) return fallback;
  if (!Array.isArray(value) || value.length === 0 || value.length > 10)
    throw metadataError(`${field} must be an array of 1 to 10 strings.`);
  return value.map((item) => text(item, field, 2000));
}

/**
 * Reads a registration request: the RFC 7591 defaults where a field is absent (`application_type`
 * web as OpenID Connect Registration says, `client_secret_basic`, `authorization_code`), S256-era
 * rules for the rest. Bad redirect URIs are `invalid_redirect_uri`, the rest
 * `invalid_client_metadata`; fields this server does not use are ignored (RFC 7591 §2).
 * @example const registration = readRegistration(await readJsonBody(ctx.req));
 */
export function readRegistration(body: unknown): Registration {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw metadataError("Send the client metadata as one JSON object.");
  const fields = body as Record<string, unknown>;
  const type = fields.application_type ?? "web";
  if (type !== "web" && type !== "native") throw metadataError('application_type must be "web" or "native".');
  const method = fields.token_endpoint_auth_method ?? "client_secret_basic";
  const authMethod = AUTH_METHODS.find((known) => known === method);
  if (authMethod === undefined)
    throw metadataError(`token_endpoint_auth_method must be one of ${AUTH_METHODS.join(", ")}.`);
  if (fields.redirect_uris === undefined)
    throw new OauthError(
      400,
      "invalid_redirect_uri",
      "redirect_uris is required for the authorization code grant.",
    );
  const redirectUris = list(fields.redirect_uris, "redirect_uris", []);
  for (const uri of redirectUris) {
    const problem = redirectUriProblem(uri, type);
    if (problem !== null)
      throw new OauthError(400, "invalid_redirect_uri", `redirect URI ${uri.slice(0, 200)} ${problem}.`);
  }
  const grantTypes = list(fields.grant_types, "grant_types", ["authorization_code"]);
  if (!grantTypes.includes("authorization_code") || grantTypes.some((grant) => !GRANT_TYPES.includes(grant)))
    throw metadataError(`grant_types must hold authorization_code and may hold refresh_token, nothing else.`);
  const responseTypes = list(fields.response_types, "response_types", ["code"]);
  if (responseTypes.length !== 1 || responseTypes[0] !== "code")
    throw metadataError('response_types may only be ["code"].');
  const scope = fields.scope === undefined ? MCP_SCOPE : text(fields.scope, "scope", 200);
  if (scope.split(" ").some((item) => item !== MCP_SCOPE))
    throw metadataError(`scope may only be "${MCP_SCOPE}".`);
  return {
    redirect_uris: [...new Set(redirectUris)],
    application_type: type,
    token_endpoint_auth_method: authMethod,
    grant_types: [...new Set(grantTypes)],
    client_name: fields.client_name === undefined ? null : text(fields.client_name, "client_name", 200),
    scope,
  };
}
