import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { discoverOauth } from "./discoverOauth.ts";
import { OauthFlowError } from "./OauthFlowError.ts";

// A server of another make, configurable per test: which documents it serves, and what they say.
let base = "";
let routes: Record<string, { status: number; body?: unknown; headers?: Record<string, string> }> = {};
const server = http.createServer((req, res) => {
  const route = routes[`${req.method} ${req.url}`] ?? { status: 404 };
  res.writeHead(route.status, { "content-type": "application/json", ...route.headers });
  res.end(route.body === undefined ? "" : JSON.stringify(route.body));
});

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

const asMetadata = (issuer: string, extra: object = {}) => ({
  issuer,
  authorization_endpoint: `${issuer}/authorize`,
  token_endpoint: `${issuer}/token`,
  response_types_supported: ["code"],
  code_challenge_methods_supported: ["S256"],
  ...extra,
});

test("no resource_metadata in the 401: the root document; an issuer with a path found by OpenID discovery appended", async () => {
  routes = {
    "POST /mcp": { status: 401, headers: { "www-authenticate": 'Bearer scope="files:read"' } },
    "GET /.well-known/oauth-protected-resource": {
      status: 200,
      body: { resource: base, authorization_servers: [`${base}/tenant1`], scopes_supported: ["a", "b"] },
    },
    "GET /tenant1/.well-known/openid-configuration": { status: 200, body: asMetadata(`${base}/tenant1`) },
  };
  const found = await discoverOauth(`${base}/mcp`);
  assert.equal(found.resourceFrom, "root");
  assert.equal(found.serverKind, "openid");
  assert.equal(found.serverMetadataUrl, `${base}/tenant1/.well-known/openid-configuration`);
  assert.equal(found.scope, "files:read", "the challenge's scope wins over scopes_supported");
});

test("the header's resource_metadata is used first; RFC 8414 with path insertion comes before OpenID", async () => {
  routes = {
    "POST /api/mcp": {
      status: 401,
      headers: { "www-authenticate": `Bearer resource_metadata="${base}/meta/prm"` },
    },
    "GET /meta/prm": {
      status: 200,
      body: { resource: `${base}/api/mcp`, authorization_servers: [`${base}/t`], scopes_supported: ["mcp"] },
    },
    "GET /.well-known/oauth-authorization-server/t": { status: 200, body: asMetadata(`${base}/t`) },
    "GET /.well-known/openid-configuration/t": { status: 500 },
  };
  const found = await discoverOauth(`${base}/api/mcp`);
  assert.equal(found.resourceFrom, "header");
  assert.equal(found.serverKind, "oauth");
  assert.equal(found.scope, "mcp");
});

test("the path-inserted document is tried before the root", async () => {
  routes = {
    "POST /mcp": { status: 401, headers: { "www-authenticate": "Bearer" } },
    "GET /.well-known/oauth-protected-resource/mcp": {
      status: 200,
      body: { resource: `${base}/mcp`, authorization_servers: [base] },
    },
    "GET /.well-known/oauth-authorization-server": { status: 200, body: asMetadata(base) },
  };
  const found = await discoverOauth(`${base}/mcp`);
  assert.equal(found.resourceFrom, "path");
  assert.equal(found.scope, undefined);
});

test("refusals: no 401, a resource for another URL, another issuer, no S256, nothing found", async () => {
  const refuses = async (step: string, message: RegExp) =>
    assert.rejects(
      discoverOauth(`${base}/mcp`),
      (error: unknown) =>
        error instanceof OauthFlowError && error.step === step && message.test(error.message),
    );
  const prm = (body: object) => ({ "GET /.well-known/oauth-protected-resource/mcp": { status: 200, body } });
  routes = { "POST /mcp": { status: 200, body: {} } };
  await refuses("challenge", /answered 200, expected 401/);
  routes = {
    "POST /mcp": { status: 401 },
    ...prm({ resource: `${base}/other`, authorization_servers: [base] }),
  };
  await refuses("resource-metadata", /says resource .*\/other.*RFC 9728/);
  routes = {
    "POST /mcp": { status: 401 },
    ...prm({ resource: `${base}/mcp`, authorization_servers: [base] }),
    "GET /.well-known/oauth-authorization-server": {
      status: 200,
      body: asMetadata("https://honest.example"),
    },
  };
  await refuses("server-metadata", /names issuer "https:\/\/honest\.example".*RFC 8414/);
  routes["GET /.well-known/oauth-authorization-server"] = {
    status: 200,
    body: asMetadata(base, { code_challenge_methods_supported: ["plain"] }),
  };
  await refuses("server-metadata", /breaks http\/oauth-authorization-server\.v1.*S256/);
  routes = { "POST /mcp": { status: 401 } };
  await refuses(
    "resource-metadata",
    /no protected-resource metadata found: .*oauth-protected-resource\/mcp → 404/,
  );
});
