import assert from "node:assert/strict";
import { test } from "node:test";
import { bearerChallenge, parseWwwAuthenticate } from "./parseWwwAuthenticate.ts";

test("reads the MCP spec's 401 challenge: resource_metadata and scope", () => {
  const header =
    'Bearer realm="assay", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp", scope="files:read files:write", error="invalid_token"';
  assert.deepEqual(parseWwwAuthenticate(header), [
    {
      scheme: "bearer",
      params: {
        realm: "assay",
        resource_metadata: "https://mcp.example.com/.well-known/oauth-protected-resource/mcp",
        scope: "files:read files:write",
        error: "invalid_token",
      },
    },
  ]);
});

test("token values, escapes, several challenges and odd spacing", () => {
  assert.deepEqual(parseWwwAuthenticate('Basic realm="a", Bearer error=invalid_token ,scope="a \\"b\\""'), [
    { scheme: "basic", params: { realm: "a" } },
    { scheme: "bearer", params: { error: "invalid_token", scope: 'a "b"' } },
  ]);
  assert.deepEqual(parseWwwAuthenticate("Bearer"), [{ scheme: "bearer", params: {} }]);
  assert.equal(bearerChallenge('Basic realm="x"'), undefined);
  assert.equal(bearerChallenge(null), undefined);
  assert.equal(bearerChallenge('BEARER scope="mcp"')?.params.scope, "mcp");
});

test("a token68 is skipped, and the challenge after it still read", () => {
  assert.deepEqual(parseWwwAuthenticate('Negotiate abc==, Bearer scope="mcp"'), [
    { scheme: "negotiate", params: {} },
    { scheme: "bearer", params: { scope: "mcp" } },
  ]);
});
