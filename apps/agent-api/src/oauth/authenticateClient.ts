import type { RequestContext } from "../http/Route.ts";
import { findClient, type OauthClient } from "./clientStore.ts";
import { OauthError } from "./OauthError.ts";
import { secretMatches } from "./secrets.ts";

function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (match?.[1] === undefined) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon === -1) return null;
  try {
    // RFC 6749 §2.3.1: both parts are form-urlencoded before they are joined.
    const decode = (part: string) => decodeURIComponent(part.replaceAll("+", " "));
    return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

/**
 * Authenticates the client at the token endpoint with the one method it registered (RFC 7591
 * `token_endpoint_auth_method`): HTTP Basic, `client_secret` in the body, or none (a public
 * client names itself with `client_id`). Anything else is 401 `invalid_client` (with a Basic
 * challenge when Basic was tried, RFC 6749 §5.2); two methods at once are `invalid_request`.
 * @example const client = await authenticateClient(ctx, form);
 */
export async function authenticateClient(
  ctx: RequestContext,
  form: Map<string, string>,
): Promise<OauthClient> {
  const header = ctx.req.headers.authorization;
  const basic = basicCredentials(header);
  const triedBasic = header !== undefined && /^Basic\s/i.test(header);
  const postedSecret = form.get("client_secret");
  const postedId = form.get("client_id");
  if (triedBasic && postedSecret !== undefined)
    throw new OauthError(400, "invalid_request", "Authenticate the client one way only.");
  if (basic !== null && postedId !== undefined && postedId !== basic.id)
    throw new OauthError(400, "invalid_request", "client_id differs from the authenticated client.");
  const refused = () =>
    new OauthError(
      401,
      "invalid_client",
      "Client authentication failed.",
      triedBasic ? { "www-authenticate": 'Basic realm="assay-oauth"' } : {},
    );
  const id = basic?.id ?? postedId;
  if (id === undefined || (triedBasic && basic === null)) throw refused();
  const client = await findClient(ctx.services.pool, id.toLowerCase());
  if (client === null) throw refused();
  const hash = client.client_secret_hash;
  switch (client.token_endpoint_auth_method) {
    case "none":
      if (triedBasic || postedSecret !== undefined) throw refused();
      return client;
    case "client_secret_basic":
      if (basic === null || hash === null || !secretMatches(basic.secret, hash)) throw refused();
      return client;
    case "client_secret_post":
      if (postedSecret === undefined || hash === null || !secretMatches(postedSecret, hash)) throw refused();
      return client;
  }
}
