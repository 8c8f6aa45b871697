import type { RequestContext } from "../http/Route.ts";

/**
 * The MCP endpoint's path, as `handleMcp.ts` serves it (a test holds the two equal: importing it
 * from there would be an import cycle, `/mcp` being authenticated from here).
 */
export const MCP_RESOURCE_PATH = "/mcp";

// host[:port] with DNS labels, an IPv4 address or a bracketed IPv6 address; nothing else may
// become part of an issuer or a resource identifier.
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The origin clients reach the service by: `ASSAY_PUBLIC_URL`, else `http://` + the request's
 * Host (a service behind TLS or a proxy must set the variable). It is the authorization server's
 * issuer and the base of the MCP resource. Null when the Host header is missing or malformed.
 * @example const issuer = publicOrigin(ctx); // "http://127.0.0.1:4310"
 */
export function publicOrigin(ctx: Pick<RequestContext, "req" | "services">): string | null {
  const configured = ctx.services.config.publicUrl;
  if (configured !== undefined) return configured;
  const host = ctx.req.headers.host;
  if (host === undefined || !HOST.test(host)) return null;
  try {
    return new URL(`http://${host}`).origin;
  } catch {
    return null;
  }
}

/**
 * The resource identifiers (RFC 8707) this server issues tokens for, most specific first: the MCP
 * endpoint, and the origin (what the root protected-resource metadata describes, RFC 9728 §3).
 * @example servedResources("http://127.0.0.1:4310") // ["http://127.0.0.1:4310/mcp", "http://127.0.0.1:4310"]
 */
export function servedResources(origin: string): string[] {
  return [`${origin}${MCP_RESOURCE_PATH}`, origin];
}

/**
 * A `resource` parameter in the form tokens carry it: scheme and host lowercased, default port
 * dropped, no trailing slash on an empty path. Null for what RFC 8707 §2 forbids (not absolute,
 * a fragment) and for anything but http(s).
 * @example normalizeResource("HTTP://Example.com:80/") // "http://example.com"
 */
export function normalizeResource(value: string): string | null {
  if (!URL.canParse(value) || value.includes("#")) return null;
  const url = new URL(value);
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.username !== "" || url.password !== "")
    return null;
  const path = url.pathname === "/" ? "" : url.pathname;
  return `${url.origin}${path}${url.search}`;
}
