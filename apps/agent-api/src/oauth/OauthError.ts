import type { Reply } from "../http/Route.ts";

/** The error codes of RFC 6749 §5.2, RFC 7591 §3.2.2 and RFC 8707 §2 that this server answers. */
export type OauthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "unsupported_response_type"
  | "invalid_scope"
  | "invalid_target"
  | "access_denied"
  | "invalid_redirect_uri"
  | "invalid_client_metadata"
  | "invalid_token";

/**
 * An OAuth error answered as RFC 6749 §5.2 says: JSON `{error, error_description}`, never the
 * service's own envelope (OAuth clients read `error`).
 * @example throw new OauthError(400, "invalid_grant", "The code was already used.");
 */
export class OauthError extends Error {
  readonly status: number;
  readonly error: OauthErrorCode;
  readonly headers: Record<string, string>;
  constructor(
    status: number,
    error: OauthErrorCode,
    description: string,
    headers: Record<string, string> = {},
  ) {
    super(description);
    this.name = "OauthError";
    this.status = status;
    this.error = error;
    this.headers = headers;
  }
}

/**
 * An `error_description` as RFC 6749 §4.1.2.1 and §5.2 allow it: printable ASCII without `"` and
 * a backslash (NQSCHAR). Quotes become apostrophes, `§` "section ", anything else outside the set `?`.
 * @example describeOauthError('must be "S256" (RFC 7636 §4.3)') // "must be 'S256' (RFC 7636 section 4.3)"
 */
export function describeOauthError(text: string): string {
  return text
    .replaceAll('"', "'")
    .replaceAll("§", "section ")
    .replaceAll("\\", "/")
    .replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, "?");
}

/**
 * The reply for an {@link OauthError}: no caching, the RFC's JSON body.
 * @example return oauthErrorReply(error);
 */
export function oauthErrorReply(error: OauthError): Reply {
  return {
    status: error.status,
    headers: { pragma: "no-cache", ...error.headers },
    body: { error: error.error, error_description: describeOauthError(error.message) },
  };
}
