import { checkDocument } from "./checkDocument.ts";
import { OauthFlowError } from "./OauthFlowError.ts";

/** What came back to the redirect URI: a code, or the server's refusal. */
export type AuthorizationResponse =
  | { kind: "code"; code: string; state: string | undefined; iss: string | undefined }
  | {
      kind: "error";
      error: string;
      description: string | undefined;
      state: string | undefined;
      iss: string | undefined;
    };

/**
 * Reads the redirect back to the client (RFC 6749 §4.1.2): its query as one object, checked
 * against `http/oauth-authorization-response.v1`; then, before anything acts on it, RFC 9207
 * §2.4 as the MCP spec tabulates it (`iss` compared by simple string comparison whenever present;
 * required when the metadata says it is sent) and the MCP spec's `state` rule (a response without
 * the request's state, or with another, is discarded). A response failing those throws, whether
 * it carries a code or an error.
 *
 * @example
 * const response = readAuthorizationResponse(location, { state, issuer: server.issuer, issSupported: true });
 */
export function readAuthorizationResponse(
  location: string,
  expected: { state: string | undefined; issuer: string; issSupported: boolean },
): AuthorizationResponse {
  const query = Object.fromEntries(new URL(location).searchParams);
  const params = checkDocument<Record<string, string>>(
    "callback",
    "http/oauth-authorization-response.v1",
    query,
  );
  const { iss, state } = params;
  if (iss !== undefined && iss !== expected.issuer) {
    throw new OauthFlowError(
      "callback",
      `iss ${JSON.stringify(iss)} is not the issuer ${JSON.stringify(expected.issuer)} (RFC 9207 §2.4)`,
    );
  }
  if (iss === undefined && expected.issSupported) {
    throw new OauthFlowError(
      "callback",
      "no iss although the metadata says authorization responses carry it (RFC 9207 §2.4)",
    );
  }
  if (state !== expected.state) {
    throw new OauthFlowError(
      "callback",
      state === undefined ? "the response carries no state" : "the response's state is not the request's",
    );
  }
  if (params.code !== undefined) return { kind: "code", code: params.code, state, iss };
  return { kind: "error", error: params.error ?? "", description: params.error_description, state, iss };
}
