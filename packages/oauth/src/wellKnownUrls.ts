/**
 * Where a client looks for the protected-resource metadata of an MCP endpoint when the 401 names
 * none (the MCP authorization spec, RFC 9728 §3.1): the well-known path inserted before the
 * endpoint's path, then the root. For an endpoint at the root, only the root URL.
 *
 * @example
 * protectedResourceMetadataUrls("https://api.example.com/public/mcp")
 * // [{ url: "https://api.example.com/.well-known/oauth-protected-resource/public/mcp", from: "path" },
 * //  { url: "https://api.example.com/.well-known/oauth-protected-resource", from: "root" }]
 */
export function protectedResourceMetadataUrls(mcpUrl: string): Array<{ url: string; from: "path" | "root" }> {
  const url = new URL(mcpUrl);
  const path = url.pathname === "/" ? "" : url.pathname.replace(/\/$/, "");
  const root = `${url.origin}/.well-known/oauth-protected-resource`;
  return path === ""
    ? [{ url: root, from: "root" }]
    : [
        { url: root + path, from: "path" },
        { url: root, from: "root" },
      ];
}

/** Which discovery document a metadata URL is. */
export type ServerMetadataKind = "oauth" | "openid";

/**
 * The authorization server metadata URLs to try, in the MCP spec's order: for an issuer with a
 * path, RFC 8414 with path insertion, OpenID Connect discovery with path insertion, then OpenID
 * Connect with the path appended; for one without, RFC 8414 then OpenID Connect.
 *
 * @example
 * authorizationServerMetadataUrls("https://auth.example.com/tenant1").map((u) => u.url)
 * // [".../.well-known/oauth-authorization-server/tenant1", ".../.well-known/openid-configuration/tenant1",
 * //  ".../tenant1/.well-known/openid-configuration"]
 */
export function authorizationServerMetadataUrls(
  issuer: string,
): Array<{ url: string; kind: ServerMetadataKind }> {
  const url = new URL(issuer);
  const path = url.pathname === "/" ? "" : url.pathname.replace(/\/$/, "");
  if (path === "") {
    return [
      { url: `${url.origin}/.well-known/oauth-authorization-server`, kind: "oauth" },
      { url: `${url.origin}/.well-known/openid-configuration`, kind: "openid" },
    ];
  }
  return [
    { url: `${url.origin}/.well-known/oauth-authorization-server${path}`, kind: "oauth" },
    { url: `${url.origin}/.well-known/openid-configuration${path}`, kind: "openid" },
    { url: `${url.origin}${path}/.well-known/openid-configuration`, kind: "openid" },
  ];
}
