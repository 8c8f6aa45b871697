import { checkDocument } from "./checkDocument.ts";
import { type Exchange, httpExchange } from "./httpExchange.ts";
import { OauthFlowError } from "./OauthFlowError.ts";
import { bearerChallenge } from "./parseWwwAuthenticate.ts";
import {
  authorizationServerMetadataUrls,
  protectedResourceMetadataUrls,
  type ServerMetadataKind,
} from "./wellKnownUrls.ts";

/** RFC 9728 §2 metadata, as far as the flow reads it. */
export interface ProtectedResourceMetadata {
  resource: string;
  authorization_servers: string[];
  scopes_supported?: string[];
}

/** RFC 8414 §2 metadata, as far as the flow reads it. */
export interface AuthorizationServerMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  registration_endpoint?: string;
  scopes_supported?: string[];
  code_challenge_methods_supported: string[];
  authorization_response_iss_parameter_supported?: boolean;
  token_endpoint_auth_methods_supported?: string[];
  grant_types_supported?: string[];
}

/** Everything discovery found, and where. */
export interface Discovery {
  mcpUrl: string;
  /** The 401 the MCP endpoint answered without a token. */
  challenge: { status: number; header: string | null; resourceMetadata?: string; scope?: string };
  resourceMetadataUrl: string;
  /** Where the protected-resource metadata came from: the 401's header, the path-inserted or the root URL. */
  resourceFrom: "header" | "path" | "root";
  resource: ProtectedResourceMetadata;
  serverMetadataUrl: string;
  serverKind: ServerMetadataKind;
  server: AuthorizationServerMetadata;
  /** The scope to ask for (the MCP spec's selection: the challenge's, else `scopes_supported`). */
  scope: string | undefined;
}

/** An MCP request a client would send first; without a token it must get the 401. */
const INITIALIZE = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: {
    protocolVersion: "2025-11-25",
    capabilities: {},
    clientInfo: { name: "assay-oauth", version: "0.1.0" },
  },
};

async function challenge(mcpUrl: string, log: Exchange[]): Promise<Discovery["challenge"]> {
  const answer = await httpExchange(log, mcpUrl, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
    body: JSON.stringify(INITIALIZE),
  });
  if (answer.status !== 401) {
    throw new OauthFlowError(
      "challenge",
      `POST ${mcpUrl} without a token answered ${answer.status}, expected 401`,
      {
        status: answer.status,
      },
    );
  }
  const header = answer.headers.get("www-authenticate");
  const bearer = bearerChallenge(header);
  return {
    status: answer.status,
    header,
    ...(bearer?.params.resource_metadata === undefined
      ? {}
      : { resourceMetadata: bearer.params.resource_metadata }),
    ...(bearer?.params.scope === undefined ? {} : { scope: bearer.params.scope }),
  };
}

/**
 * RFC 9728 §3.3: the document's `resource` must be the URL it describes — the MCP endpoint when it
 * came from the 401 or the path-inserted URL. From the root URL it is the origin; the MCP endpoint
 * itself is accepted there too (what MCP servers commonly publish).
 */
function expectedResources(mcpUrl: string, from: Discovery["resourceFrom"]): string[] {
  return from === "root" ? [new URL(mcpUrl).origin, mcpUrl] : [mcpUrl];
}

async function resourceMetadata(
  mcpUrl: string,
  found: Discovery["challenge"],
  log: Exchange[],
): Promise<Pick<Discovery, "resourceMetadataUrl" | "resourceFrom" | "resource">> {
  const candidates: Array<{ url: string; from: Discovery["resourceFrom"] }> =
    found.resourceMetadata === undefined
      ? protectedResourceMetadataUrls(mcpUrl)
      : [{ url: found.resourceMetadata, from: "header" }];
  const tried: string[] = [];
  for (const { url, from } of candidates) {
    const answer = await httpExchange(log, url);
    if (answer.status !== 200) {
      tried.push(`${url} → ${answer.status}`);
      continue;
    }
    const resource = checkDocument<ProtectedResourceMetadata>(
      "resource-metadata",
      "http/oauth-protected-resource.v1",
      answer.json,
    );
    const expected = expectedResources(mcpUrl, from);
    if (!expected.includes(resource.resource)) {
      throw new OauthFlowError(
        "resource-metadata",
        `${url} says resource ${JSON.stringify(resource.resource)}, expected ${expected.map((e) => JSON.stringify(e)).join(" or ")} (RFC 9728 §3.3)`,
      );
    }
    return { resourceMetadataUrl: url, resourceFrom: from, resource };
  }
  throw new OauthFlowError("resource-metadata", `no protected-resource metadata found: ${tried.join(", ")}`);
}

async function serverMetadata(
  issuer: string,
  log: Exchange[],
): Promise<Pick<Discovery, "serverMetadataUrl" | "serverKind" | "server">> {
  const tried: string[] = [];
  for (const { url, kind } of authorizationServerMetadataUrls(issuer)) {
    const answer = await httpExchange(log, url);
    if (answer.status !== 200) {
      tried.push(`${url} → ${answer.status}`);
      continue;
    }
    const server = checkDocument<AuthorizationServerMetadata>(
      "server-metadata",
      "http/oauth-authorization-server.v1",
      answer.json,
    );
    // RFC 8414 §3.3: identical to the issuer the URL was built from, or the document is not used.
    if (server.issuer !== issuer) {
      throw new OauthFlowError(
        "server-metadata",
        `${url} names issuer ${JSON.stringify(server.issuer)}, expected ${JSON.stringify(issuer)} (RFC 8414 §3.3)`,
      );
    }
    return { serverMetadataUrl: url, serverKind: kind, server };
  }
  throw new OauthFlowError("server-metadata", `no authorization server metadata found: ${tried.join(", ")}`);
}

/**
 * Discovery as the MCP authorization spec lays it out: the MCP request without a token must be
 * a 401; its `WWW-Authenticate` names the protected-resource metadata (else the path-inserted,
 * else the root well-known URL); that names the authorization server, whose RFC 8414 metadata
 * (else OpenID Connect discovery, with path insertion) must offer PKCE with S256. Every document
 * is checked against its contract in `contracts/`, and the cross-checks hold (`resource` is the
 * URL, `issuer` is the one asked for).
 *
 * @example
 * const discovery = await discoverOauth("http://127.0.0.1:4310/mcp");
 * discovery.server.token_endpoint; // "http://127.0.0.1:4310/oauth/token"
 */
export async function discoverOauth(mcpUrl: string, log: Exchange[] = []): Promise<Discovery> {
  const found = await challenge(mcpUrl, log);
  const resource = await resourceMetadata(mcpUrl, found, log);
  const issuer = resource.resource.authorization_servers[0];
  if (issuer === undefined) throw new OauthFlowError("resource-metadata", "authorization_servers is empty");
  const server = await serverMetadata(issuer, log);
  const scope = found.scope ?? resource.resource.scopes_supported?.join(" ");
  return { mcpUrl, challenge: found, ...resource, ...server, scope: scope === "" ? undefined : scope };
}
