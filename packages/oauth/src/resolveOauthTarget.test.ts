import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_REDIRECT_URI, OauthConfigError, resolveOauthTarget } from "./resolveOauthTarget.ts";

const BASE = "http://127.0.0.1:4310";

test("defaults: the target's /mcp, dynamic registration, test users with sign-in codes", () => {
  assert.deepEqual(resolveOauthTarget({}, BASE), {
    mcpUrl: `${BASE}/mcp`,
    redirectUri: DEFAULT_REDIRECT_URI,
    client: undefined,
    signInFields: undefined,
  });
});

test("staging: ASSAY_MCP_URL, a pre-registered confidential client and a fixed account", () => {
  const target = resolveOauthTarget(
    {
      ASSAY_MCP_URL: "https://mcp.example.com/v1/mcp",
      ASSAY_OAUTH_CLIENT_ID: "assay-ci",
      ASSAY_OAUTH_CLIENT_SECRET: "s3cret",
      ASSAY_OAUTH_REDIRECT_URI: "https://ci.example.com/callback",
      ASSAY_OAUTH_SIGN_IN_FIELDS: "username=qa%40example.com&password=p%26w",
    },
    BASE,
  );
  assert.equal(target.mcpUrl, "https://mcp.example.com/v1/mcp");
  assert.deepEqual(target.client, {
    clientId: "assay-ci",
    clientSecret: "s3cret",
    authMethod: "client_secret_basic",
  });
  assert.deepEqual(target.signInFields, { username: "qa@example.com", password: "p&w" });
});

test("one line naming every bad variable, never a secret's value", () => {
  assert.throws(
    () =>
      resolveOauthTarget(
        {
          ASSAY_MCP_URL: "ftp://x",
          ASSAY_OAUTH_CLIENT_SECRET: "do-not-print",
          ASSAY_OAUTH_CLIENT_AUTH: "magic",
          ASSAY_OAUTH_SIGN_IN_FIELDS: "username=",
        },
        BASE,
      ),
    (error: unknown) =>
      error instanceof OauthConfigError &&
      !error.message.includes("\n") &&
      !error.message.includes("do-not-print") &&
      error.message ===
        "[assay/oauth] the OAuth suites cannot start: ASSAY_MCP_URL must be an http: or https: URL without a fragment; ASSAY_OAUTH_CLIENT_SECRET is set without ASSAY_OAUTH_CLIENT_ID; ASSAY_OAUTH_CLIENT_AUTH must be one of none, client_secret_basic, client_secret_post; ASSAY_OAUTH_SIGN_IN_FIELDS must be name=value pairs joined by & (URL-encoded), none empty.",
  );
  assert.throws(
    () => resolveOauthTarget({ ASSAY_OAUTH_CLIENT_ID: "c" }, BASE),
    /ASSAY_OAUTH_REDIRECT_URI is missing/,
  );
  assert.throws(
    () =>
      resolveOauthTarget(
        {
          ASSAY_OAUTH_CLIENT_ID: "c",
          ASSAY_OAUTH_REDIRECT_URI: "https://a/cb",
          ASSAY_OAUTH_CLIENT_AUTH: "client_secret_post",
        },
        BASE,
      ),
    /ASSAY_OAUTH_CLIENT_AUTH=client_secret_post needs ASSAY_OAUTH_CLIENT_SECRET/,
  );
});
