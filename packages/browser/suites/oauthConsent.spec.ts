import {
  authorizationParams,
  authorizationUrl,
  callMcp,
  createPkce,
  obtainTokens,
  readAuthorizationResponse,
  signInWithBrowser,
  oauthTest as test,
} from "@assay/oauth";
import { expect } from "@assay/test";

// The MCP authorization flow with a person at the keyboard: Chromium opens the authorization
// server's sign-in page, the page object signs a test user in, the consent page shows who asks
// for what and where the answer goes, and the code that comes back works at /mcp.

test("a user signs in in Chromium, sees the consent page, allows, and the token works at /mcp", async ({
  page,
  oauth,
  target,
}, testInfo) => {
  const discovery = await oauth.discover();
  const client = await oauth.client();
  const user = await oauth.user();
  const pkce = createPkce();
  oauth.secret(pkce.verifier);
  const params = authorizationParams(discovery, client, pkce);
  const callback = await signInWithBrowser(
    page,
    {
      authorizationUrl: authorizationUrl(discovery, params),
      redirectUri: client.redirectUri,
      page: await user.signIn(),
    },
    async (consent) => {
      await expect(consent.getByRole("heading", { name: "Allow access?" })).toBeVisible();
      await expect(consent.getByTestId("client-name")).toHaveText("Assay OAuth suite");
      await expect(consent.getByTestId("signed-in-as")).toHaveText(user.email ?? "");
      await expect(consent.getByTestId("redirect-host")).toHaveText(new URL(client.redirectUri).host);
      await expect(consent.getByTestId("scope")).toHaveText("mcp");
      await expect(consent.getByTestId("resource")).toHaveText(`${target.baseURL}/mcp`);
      await testInfo.attach("consent-page.png", {
        body: await consent.screenshot(),
        contentType: "image/png",
      });
    },
  );
  const response = readAuthorizationResponse(callback, {
    state: params.state,
    issuer: discovery.server.issuer,
    issSupported: true,
  });
  expect(response.kind).toBe("code");
  if (response.kind !== "code") return;
  oauth.secret(response.code);
  const tokens = await obtainTokens(
    discovery,
    client,
    {
      grant_type: "authorization_code",
      code: response.code,
      code_verifier: pkce.verifier,
      redirect_uri: client.redirectUri,
      resource: discovery.resource.resource,
    },
    { onSecret: oauth.secret },
  );
  const mcp = await callMcp(oauth.target.mcpUrl, tokens.access_token, {
    tool: { name: "whoami", arguments: {} },
  });
  expect(mcp.toolResult?.structuredContent).toMatchObject({ user: { id: user.id } });
});

test("a user who denies is sent back with access_denied, state and iss, and no code", async ({
  page,
  oauth,
}) => {
  const discovery = await oauth.discover();
  const client = await oauth.client();
  const user = await oauth.user();
  const params = authorizationParams(discovery, client, createPkce());
  const callback = await signInWithBrowser(page, {
    authorizationUrl: authorizationUrl(discovery, params),
    redirectUri: client.redirectUri,
    page: { ...(await user.signIn()), approveButton: (p) => p.getByRole("button", { name: "Deny" }) },
  });
  const response = readAuthorizationResponse(callback, {
    state: params.state,
    issuer: discovery.server.issuer,
    issSupported: true,
  });
  expect(response).toMatchObject({
    kind: "error",
    error: "access_denied",
    state: params.state,
    iss: discovery.server.issuer,
  });
});
