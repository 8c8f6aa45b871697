import {
  callMcp,
  checkDocument,
  httpExchange,
  obtainTokens,
  protectedResourceMetadataUrls,
  recordFlowTime,
} from "../src/index.ts";
import { expect, oauthTest as test } from "../src/oauthTest.ts";

// The whole MCP authorization flow against the run's MCP endpoint (the reference's /mcp, or
// ASSAY_MCP_URL): every document checked against its contract on the way (discovery does it),
// the cross-checks, the authorization response's state and iss, and /mcp called with the token.

test("the whole flow: 401 → metadata → registration → sign-in and consent → token → /mcp", async ({
  oauth,
  target,
}) => {
  const user = await oauth.user();
  // Only the reference's own /mcp has the whoami tool; another server is called with initialize alone.
  const reference = oauth.target.mcpUrl === `${target.baseURL}/mcp`;
  const flow = await oauth.flow({ user, ...(reference ? { tool: { name: "whoami", arguments: {} } } : {}) });
  recordFlowTime(flow);

  expect(flow.discovery.challenge.status).toBe(401);
  expect(flow.authorization.iss).toBe(flow.discovery.server.issuer);
  expect(flow.tokens.token_type.toLowerCase()).toBe("bearer");
  expect(flow.mcp.protocolVersion).toBeTruthy();
  expect(flow.client.source).toBe(oauth.target.client === undefined ? "dynamic" : "pre-registered");
  if (reference) {
    expect(flow.discovery.resourceFrom, "the reference's 401 names its metadata").toBe("header");
    expect(flow.discovery.challenge.scope).toBe("mcp");
    expect(flow.mcp.toolResult?.structuredContent).toMatchObject({
      user: { id: user.id, email: user.email },
    });
  }
});

test("every protected-resource metadata URL the server serves holds a valid document for this resource", async ({
  oauth,
}) => {
  const discovery = await oauth.discover();
  const urls = [
    ...(discovery.challenge.resourceMetadata === undefined
      ? []
      : [{ url: discovery.challenge.resourceMetadata, from: "header" }]),
    ...protectedResourceMetadataUrls(oauth.target.mcpUrl),
  ];
  const served: string[] = [];
  for (const { url, from } of urls) {
    const answer = await httpExchange(oauth.log, url);
    if (answer.status === 404) continue;
    expect(answer.status, url).toBe(200);
    const document = checkDocument<{ resource: string; authorization_servers: string[] }>(
      "resource-metadata",
      "http/oauth-protected-resource.v1",
      answer.json,
    );
    const origin = new URL(oauth.target.mcpUrl).origin;
    expect([oauth.target.mcpUrl, ...(from === "root" ? [origin] : [])], url).toContain(document.resource);
    expect(document.authorization_servers).toContain(discovery.server.issuer);
    served.push(from);
  }
  expect(served.length, "no protected-resource metadata document at all").toBeGreaterThan(0);
});

test("a refresh token rotates, and the new access token works at /mcp", async ({ oauth }) => {
  const flow = await oauth.flow();
  const refreshToken = flow.tokens.refresh_token;
  expect(refreshToken, "the server issued no refresh token").toBeTruthy();
  const next = await obtainTokens(
    flow.discovery,
    flow.client,
    { grant_type: "refresh_token", refresh_token: refreshToken, resource: flow.discovery.resource.resource },
    { log: oauth.log, onSecret: oauth.secret },
  );
  expect(next.refresh_token).toBeTruthy();
  expect(next.refresh_token).not.toBe(refreshToken);
  expect(
    (await callMcp(oauth.target.mcpUrl, next.access_token, { log: oauth.log })).protocolVersion,
  ).toBeTruthy();
});
