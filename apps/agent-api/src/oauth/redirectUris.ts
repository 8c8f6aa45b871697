/** What RFC 7591 §2 and OpenID Connect Registration call the kinds of client. */
export type ApplicationType = "web" | "native";

const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);

/**
 * Why a redirect URI may not be registered for this kind of client, or null when it may:
 * absolute, no fragment (RFC 6749 §3.1.2), no user info; `web` clients redirect to https on a
 * host that is not loopback; `native` clients to http on loopback (RFC 8252 §7.3), to https, or
 * to a private-use scheme in reverse-domain form (RFC 8252 §7.1).
 * @example redirectUriProblem("http://localhost/cb", "web") // "a web client's redirect URI must use https …"
 */
export function redirectUriProblem(uri: string, type: ApplicationType): string | null {
  if (!URL.canParse(uri)) return "is not an absolute URI";
  if (uri.includes("#")) return "must not contain a fragment (RFC 6749 §3.1.2)";
  const url = new URL(uri);
  if (url.username !== "" || url.password !== "") return "must not carry user information";
  const scheme = url.protocol.slice(0, -1);
  const loopback = LOOPBACK.has(url.hostname);
  if (type === "web") {
    if (scheme !== "https") return "must use https for a web client (application_type web)";
    if (loopback) return "must not point at loopback for a web client (register it as native)";
    return null;
  }
  if (scheme === "https") return null;
  if (scheme === "http") return loopback ? null : "may use http only on a loopback host (RFC 8252 §7.3)";
  if (!scheme.includes("."))
    return "must use https, http on loopback, or a reverse-domain private-use scheme";
  return null;
}

/**
 * Whether a redirect URI in an authorization request is one the client registered: the exact
 * string, character for character (the MCP authorization spec's "exact redirect URIs"). Under the
 * `oauth_redirect_prefix` fault, any URI that starts with a registered one passes — the bug.
 * @example matchRedirectUri("https://app.example/cb/", ["https://app.example/cb"], false) // false
 */
export function matchRedirectUri(
  requested: string,
  registered: readonly string[],
  prefixFault: boolean,
): boolean {
  if (registered.includes(requested)) return true;
  return prefixFault && registered.some((uri) => requested.startsWith(uri));
}
