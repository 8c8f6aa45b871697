import assert from "node:assert/strict";
import { test } from "node:test";
import { authorizationServerMetadataUrls, protectedResourceMetadataUrls } from "./wellKnownUrls.ts";

test("protected resource metadata: path inserted first, then the root; only the root for a root endpoint", () => {
  assert.deepEqual(protectedResourceMetadataUrls("https://api.example.com/public/mcp"), [
    { url: "https://api.example.com/.well-known/oauth-protected-resource/public/mcp", from: "path" },
    { url: "https://api.example.com/.well-known/oauth-protected-resource", from: "root" },
  ]);
  assert.deepEqual(protectedResourceMetadataUrls("http://127.0.0.1:4310"), [
    { url: "http://127.0.0.1:4310/.well-known/oauth-protected-resource", from: "root" },
  ]);
});

test("authorization server metadata: the MCP spec's order with and without an issuer path", () => {
  assert.deepEqual(
    authorizationServerMetadataUrls("https://auth.example.com/tenant1").map((u) => `${u.kind} ${u.url}`),
    [
      "oauth https://auth.example.com/.well-known/oauth-authorization-server/tenant1",
      "openid https://auth.example.com/.well-known/openid-configuration/tenant1",
      "openid https://auth.example.com/tenant1/.well-known/openid-configuration",
    ],
  );
  assert.deepEqual(
    authorizationServerMetadataUrls("https://auth.example.com").map((u) => `${u.kind} ${u.url}`),
    [
      "oauth https://auth.example.com/.well-known/oauth-authorization-server",
      "openid https://auth.example.com/.well-known/openid-configuration",
    ],
  );
});
