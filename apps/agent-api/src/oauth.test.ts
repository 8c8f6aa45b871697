import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test as nodeTest } from "node:test";
import { rawMcpClient } from "./mcp/rawMcpClient.ts";
import { type ChildService, startChildService } from "./startChildService.ts";

// The authorization server and /mcp as its protected resource, over real HTTP: metadata, the 401
// challenge, registration, the sign-in and consent forms, the token endpoint, refusals, revocation,
// rotation, a restart between authorize and token, and the log lines (no secret in any of them).
let service: ChildService;
const test = (name: string, fn: () => Promise<void>) => nodeTest(name, { timeout: 30_000 }, fn);
const REDIRECT = "https://client.assay.test/callback";
const secrets: string[] = [];

before(async () => {
  service = await startChildService({ LOG_LEVEL: "info" });
});

after(async () => {
  await service.stop();
  const log = JSON.stringify(service.logs);
  for (const secret of secrets) assert.equal(log.includes(secret), false, "a secret reached the log");
  assert.ok(secrets.length > 10, "the log check had secrets to look for");
});

// biome-ignore lint/suspicious/noExplicitAny: each test reads the fields it asserts on
type Json = any;
type User = { id: string; email: string; token: string };

async function createUser(svc = service): Promise<User> {
  const created = await svc.call("POST", "/v1/test-support/users", svc.admin, { tag: "agent-api-unit" });
  assert.equal(created.status, 201);
  return { id: created.body.user.id, email: created.body.user.email, token: created.body.token };
}

type Client = { client_id: string; client_secret?: string; registration_access_token: string };

async function register(body: Record<string, unknown> = {}, base = service.base): Promise<Client> {
  const answer = await fetch(`${base}/oauth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ redirect_uris: [REDIRECT], token_endpoint_auth_method: "none", ...body }),
  });
  const json: Json = await answer.json();
  assert.equal(answer.status, 201, JSON.stringify(json));
  secrets.push(json.registration_access_token, ...(json.client_secret ? [json.client_secret] : []));
  return json;
}

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  secrets.push(verifier);
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

async function signInCode(userId: string, svc = service): Promise<string> {
  const answer = await svc.call("POST", `/v1/test-support/users/${userId}/sign-in-codes`, svc.admin);
  assert.equal(answer.status, 201);
  secrets.push(answer.body.code);
  return answer.body.code;
}

const hidden = (html: string) => /name="request" value="([^"]+)"/.exec(html)?.[1] ?? "";
const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
  redirect: "manual" as const,
});

/** Authorize → sign in → consent; resolves the callback URL's parameters. */
async function authorize(
  client: Client,
  user: User,
  params: Record<string, string>,
  svc = service,
): Promise<URLSearchParams> {
  const query = new URLSearchParams({
    response_type: "code",
    client_id: client.client_id,
    redirect_uri: REDIRECT,
    state: "st-1",
    resource: `${svc.base}/mcp`,
    ...params,
  });
  const first = await fetch(`${svc.base}/oauth/authorize?${query}`, { redirect: "manual" });
  if (first.status === 302) return new URL(first.headers.get("location") ?? "").searchParams;
  assert.equal(first.status, 200);
  const signIn = await fetch(
    `${svc.base}/oauth/authorize`,
    form({ request: hidden(await first.text()), email: user.email, code: await signInCode(user.id, svc) }),
  );
  const consentHtml = await signIn.text();
  assert.equal(signIn.status, 200, consentHtml);
  assert.match(consentHtml, /Allow access\?/);
  const allowed = await fetch(
    `${svc.base}/oauth/authorize`,
    form({ request: hidden(consentHtml), decision: "allow" }),
  );
  assert.equal(allowed.status, 302);
  const location = new URL(allowed.headers.get("location") ?? "");
  assert.equal(`${location.origin}${location.pathname}`, REDIRECT);
  const code = location.searchParams.get("code");
  if (code !== null) secrets.push(code);
  return location.searchParams;
}

async function token(
  fields: Record<string, string>,
  headers: Record<string, string> = {},
  base = service.base,
) {
  const answer = await fetch(`${base}/oauth/token`, {
    ...form(fields),
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  });
  const json: Json = await answer.json();
  if (json.access_token) secrets.push(json.access_token);
  if (json.refresh_token) secrets.push(json.refresh_token);
  return { status: answer.status, json, headers: answer.headers };
}

async function codeFlow(client: Client, user: User) {
  const { verifier, challenge } = pkce();
  const params = await authorize(client, user, { code_challenge: challenge, code_challenge_method: "S256" });
  const code = params.get("code") ?? "";
  return { code, verifier, params };
}

async function whoami(accessToken: string, base = service.base) {
  const mcp = await rawMcpClient(base, accessToken, { era: "stateless" });
  return (await mcp.call("whoami")).structuredContent.user;
}

test("metadata: RFC 8414 names S256 only and iss in responses; RFC 9728 at the path-inserted and root URLs", async () => {
  const as = await service.call("GET", "/.well-known/oauth-authorization-server");
  assert.equal(as.status, 200);
  assert.equal(as.body.issuer, service.base);
  assert.deepEqual(as.body.code_challenge_methods_supported, ["S256"]);
  assert.equal(as.body.authorization_response_iss_parameter_supported, true);
  assert.equal(as.body.token_endpoint, `${service.base}/oauth/token`);
  const mcp = await service.call("GET", "/.well-known/oauth-protected-resource/mcp");
  assert.deepEqual(mcp.body.authorization_servers, [service.base]);
  assert.equal(mcp.body.resource, `${service.base}/mcp`);
  const root = await service.call("GET", "/.well-known/oauth-protected-resource");
  assert.equal(root.body.resource, service.base);
});

test("/mcp without a token: 401 naming the resource metadata and the scope; with a bad one, invalid_token", async () => {
  const bare = await service.call("POST", "/mcp", undefined, { jsonrpc: "2.0", id: 1, method: "ping" });
  assert.equal(bare.status, 401);
  assert.equal(
    bare.headers.get("www-authenticate"),
    `Bearer realm="assay", resource_metadata="${service.base}/.well-known/oauth-protected-resource/mcp", scope="mcp"`,
  );
  assert.equal(bare.body.error.code, "unauthorized");
  const bad = await service.call("POST", "/mcp", "nope", { jsonrpc: "2.0", id: 1, method: "ping" });
  assert.match(bad.headers.get("www-authenticate") ?? "", /, error="invalid_token"$/);
});

test("the whole flow: a public client gets a code (state, iss), tokens for /mcp, acts as the user; REST refuses the token", async () => {
  const user = await createUser();
  const client = await register({
    grant_types: ["authorization_code", "refresh_token"],
    application_type: "web",
  });
  const { code, verifier, params } = await codeFlow(client, user);
  assert.equal(params.get("state"), "st-1");
  assert.equal(params.get("iss"), service.base);
  const issued = await token({
    grant_type: "authorization_code",
    code,
    code_verifier: verifier,
    client_id: client.client_id,
    redirect_uri: REDIRECT,
    resource: `${service.base}/mcp`,
  });
  assert.equal(issued.status, 200, JSON.stringify(issued.json));
  assert.equal(issued.headers.get("cache-control"), "no-store");
  assert.deepEqual(Object.keys(issued.json).sort(), [
    "access_token",
    "expires_in",
    "refresh_token",
    "scope",
    "token_type",
  ]);
  assert.equal((await whoami(issued.json.access_token)).id, user.id);
  const rest = await service.call("GET", "/v1/me", issued.json.access_token);
  assert.equal(rest.status, 401, "a token for /mcp is not a token for the REST API");
  assert.equal((await whoami(user.token)).id, user.id, "the REST API's own tokens still work at /mcp");
});

test("a reused code fails and revokes what the first use issued; so does a reused refresh token", async () => {
  const user = await createUser();
  const client = await register({ grant_types: ["authorization_code", "refresh_token"] });
  const { code, verifier } = await codeFlow(client, user);
  const fields = {
    grant_type: "authorization_code",
    code,
    code_verifier: verifier,
    client_id: client.client_id,
  };
  const first = await token(fields);
  assert.equal(first.status, 200);
  const second = await token(fields);
  assert.equal(second.status, 400);
  assert.equal(second.json.error, "invalid_grant");
  const mcp = await service.call("POST", "/mcp", first.json.access_token, {
    jsonrpc: "2.0",
    id: 1,
    method: "ping",
  });
  assert.equal(mcp.status, 401, "the first use's access token is revoked");
  const refreshed = await token({
    grant_type: "refresh_token",
    refresh_token: first.json.refresh_token,
    client_id: client.client_id,
  });
  assert.equal(refreshed.json.error, "invalid_grant", "and its refresh token");

  const again = await codeFlow(client, user);
  const issued = await token({ ...fields, code: again.code, code_verifier: again.verifier });
  const rotated = await token({
    grant_type: "refresh_token",
    refresh_token: issued.json.refresh_token,
    client_id: client.client_id,
  });
  assert.equal(rotated.status, 200);
  assert.notEqual(rotated.json.refresh_token, issued.json.refresh_token);
  const replay = await token({
    grant_type: "refresh_token",
    refresh_token: issued.json.refresh_token,
    client_id: client.client_id,
  });
  assert.equal(replay.json.error, "invalid_grant");
  const family = await token({
    grant_type: "refresh_token",
    refresh_token: rotated.json.refresh_token,
    client_id: client.client_id,
  });
  assert.equal(family.json.error, "invalid_grant", "the reuse revoked the rotated token too");
});

test("refusals at the authorization endpoint: redirect with error, state and iss, or an error page", async () => {
  const user = await createUser();
  const client = await register();
  const { challenge } = pkce();
  const base = { code_challenge: challenge, code_challenge_method: "S256" };
  const cases: Array<[Record<string, string>, string]> = [
    [{ code_challenge: "" }, "invalid_request"],
    [{ ...base, code_challenge_method: "plain" }, "invalid_request"],
    [{ code_challenge: challenge }, "invalid_request"],
    [{ ...base, state: "" }, "invalid_request"],
    [{ ...base, state: "s".repeat(1001) }, "invalid_request"],
    [{ ...base, response_type: "token" }, "unsupported_response_type"],
    [{ ...base, resource: "https://other.example/mcp" }, "invalid_target"],
    [{ ...base, scope: "admin" }, "invalid_scope"],
  ];
  for (const [params, error] of cases) {
    const answer = await authorize(client, user, params);
    assert.equal(answer.get("error"), error, JSON.stringify(params));
    assert.equal(answer.get("iss"), service.base);
    assert.equal(answer.get("code"), null);
  }
  for (const redirect of [
    `${REDIRECT}/`,
    `${REDIRECT}?x=1`,
    REDIRECT.replace("https", "http"),
    REDIRECT.replace("client", "CLIENT"),
    `${REDIRECT}#f`,
  ]) {
    const query = new URLSearchParams({
      response_type: "code",
      client_id: client.client_id,
      redirect_uri: redirect,
      state: "s",
      ...base,
    });
    const answer = await fetch(`${service.base}/oauth/authorize?${query}`, { redirect: "manual" });
    assert.equal(answer.status, 400, redirect);
    assert.equal(answer.headers.get("location"), null);
    assert.match(await answer.text(), /data-error="invalid_request"/);
  }
});

test("refusals at the token endpoint: verifier, client, resource, expiry; secrets checked", async () => {
  const user = await createUser();
  const client = await register();
  const other = await register();
  const run = async (fields: (flow: { code: string; verifier: string }) => Record<string, string>) =>
    token(fields(await codeFlow(client, user)));
  const base = (flow: { code: string; verifier: string }) => ({
    grant_type: "authorization_code",
    code: flow.code,
    code_verifier: flow.verifier,
    client_id: client.client_id,
  });
  const { code_verifier: _, ...noVerifier } = base({ code: "c", verifier: "v" });
  assert.equal((await run((f) => ({ ...noVerifier, code: f.code }))).json.error, "invalid_request");
  assert.equal(
    (await run((f) => ({ ...base(f), code_verifier: pkce().verifier }))).json.error,
    "invalid_grant",
  );
  assert.equal((await run((f) => ({ ...base(f), client_id: other.client_id }))).json.error, "invalid_grant");
  assert.equal(
    (await run((f) => ({ ...base(f), resource: "https://other.example/mcp" }))).json.error,
    "invalid_target",
  );
  assert.equal(
    (await run((f) => ({ ...base(f), redirect_uri: `${REDIRECT}/` }))).json.error,
    "invalid_grant",
  );
  assert.equal(
    (await token({ grant_type: "password", client_id: client.client_id })).json.error,
    "unsupported_grant_type",
  );

  const ttl = await service.call(
    "PUT",
    `/v1/test-support/oauth/clients/${client.client_id}/code-ttl`,
    service.admin,
    { seconds: 1 },
  );
  assert.equal(ttl.status, 200);
  const expired = await codeFlow(client, user);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  assert.equal((await token(base(expired))).json.error, "invalid_grant");

  const confidential = await register({ token_endpoint_auth_method: "client_secret_basic" });
  const flow = await codeFlow(confidential, user);
  const basic = (secret: string) =>
    `Basic ${Buffer.from(`${confidential.client_id}:${secret}`).toString("base64")}`;
  const { client_id: __, ...withoutId } = base(flow);
  const wrong = await token(withoutId, { authorization: basic("wrong") });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.json.error, "invalid_client");
  assert.equal(wrong.headers.get("www-authenticate"), 'Basic realm="assay-oauth"');
  const right = await token(withoutId, { authorization: basic(confidential.client_secret ?? "") });
  assert.equal(right.status, 200, JSON.stringify(right.json));
});

test("registration refuses what RFC 7591 names; RFC 7592 deletes a client with its registration token", async () => {
  for (const [body, error] of [
    [{ redirect_uris: ["http://localhost:9/cb"] }, "invalid_redirect_uri"],
    [{ redirect_uris: [`${REDIRECT}#x`] }, "invalid_redirect_uri"],
    [{ grant_types: ["client_credentials"] }, "invalid_client_metadata"],
  ] as const) {
    const answer = await service.call("POST", "/oauth/register", undefined, {
      redirect_uris: [REDIRECT],
      ...body,
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error, error);
  }
  const client = await register();
  const wrong = await service.call("DELETE", `/oauth/register/${client.client_id}`, "nope");
  assert.equal(wrong.status, 401);
  const deleted = await service.call(
    "DELETE",
    `/oauth/register/${client.client_id}`,
    client.registration_access_token,
  );
  assert.equal(deleted.status, 204);
  const again = await service.call(
    "DELETE",
    `/oauth/register/${client.client_id}`,
    client.registration_access_token,
  );
  assert.equal(again.status, 401);
});

test("faults: plain PKCE, code reuse and redirect prefixes for one client; any audience for one user", async () => {
  const user = await createUser();
  const client = await register();
  const fault = async (name: string, enabled = true) => {
    const answer = await service.call(
      "PUT",
      `/v1/test-support/oauth/clients/${client.client_id}/faults`,
      service.admin,
      { fault: name, enabled },
    );
    assert.equal(answer.status, 200);
  };
  await fault("oauth_plain_pkce");
  const verifier = pkce().verifier;
  const plain = await authorize(client, user, { code_challenge: verifier, code_challenge_method: "plain" });
  assert.ok(plain.get("code"), "plain accepted under the fault");
  await fault("oauth_code_reuse");
  const fields = {
    grant_type: "authorization_code",
    code: plain.get("code") ?? "",
    code_verifier: verifier,
    client_id: client.client_id,
  };
  assert.equal((await token(fields)).status, 200);
  assert.equal((await token(fields)).status, 200, "the second use works under oauth_code_reuse");
  await fault("oauth_redirect_prefix");
  const prefixed = await fetch(
    `${service.base}/oauth/authorize?${new URLSearchParams({ response_type: "code", client_id: client.client_id, redirect_uri: `${REDIRECT}/evil`, state: "s", code_challenge: verifier, code_challenge_method: "plain" })}`,
    { redirect: "manual" },
  );
  assert.equal(prefixed.status, 200, "a prefixed redirect URI reaches the sign-in page under the fault");
  const other = await register();
  const refused = await fetch(
    `${service.base}/oauth/authorize?${new URLSearchParams({ response_type: "code", client_id: other.client_id, redirect_uri: REDIRECT, state: "s", code_challenge: verifier, code_challenge_method: "plain" })}`,
    { redirect: "manual" },
  );
  assert.equal(
    new URL(refused.headers.get("location") ?? "").searchParams.get("error"),
    "invalid_request",
    "another client is not under the fault",
  );

  const foreign = await service.call("POST", "/v1/test-support/tokens", service.admin, {
    user_id: user.id,
    claims: {
      sub: user.id,
      iss: service.base,
      aud: "https://other.example/mcp",
      exp: Math.floor(Date.now() / 1000) + 60,
    },
  });
  secrets.push(foreign.body.token);
  const ping = { jsonrpc: "2.0", id: 1, method: "ping" };
  assert.equal((await service.call("POST", "/mcp", foreign.body.token, ping)).status, 401);
  const set = await service.call("PUT", "/v1/test-support/faults", service.admin, {
    user_id: user.id,
    fault: "oauth_any_audience",
    enabled: true,
  });
  assert.equal(set.status, 200);
  assert.notEqual((await service.call("POST", "/mcp", foreign.body.token, ping)).status, 401);
});

test("log lines say whether challenge and verifier were there and held, and carry no secret", async () => {
  const lines = service.logs.filter((entry) => String(entry.event).startsWith("oauth_"));
  const token = lines.find(
    (entry) =>
      entry.event === "oauth_token" && entry.verifier === "present" && entry.verifier_valid === false,
  );
  assert.ok(token, "a token line tells a wrong verifier");
  assert.ok(lines.find((entry) => entry.event === "oauth_authorize" && entry.challenge === "absent"));
  assert.ok(
    lines.find(
      (entry) => entry.event === "oauth_validate" && entry.kind === "oauth" && entry.outcome === "accepted",
    ),
  );
});

// Two boots of an embedded database on disk: slower than the rest.
nodeTest(
  "a restart between authorize and token: the code still redeems once (embedded database on disk)",
  { timeout: 120_000 },
  async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "assay-oauth-"));
    const env = { ASSAY_JWT_SECRET: randomBytes(32).toString("hex"), ASSAY_DB_DIR: dir, LOG_LEVEL: "info" };
    const first = await startChildService(env);
    try {
      const user = await createUser(first);
      const client = await register({}, first.base);
      const { verifier, challenge } = pkce();
      const params = await authorize(
        client,
        user,
        { code_challenge: challenge, code_challenge_method: "S256" },
        first,
      );
      await first.stop();
      const second = await startChildService({
        ...env,
        PORT: String(first.port),
        ASSAY_ADMIN_TOKEN: first.admin,
      });
      try {
        const fields = {
          grant_type: "authorization_code",
          code: params.get("code") ?? "",
          code_verifier: verifier,
          client_id: client.client_id,
        };
        const issued = await token(fields, {}, second.base);
        assert.equal(issued.status, 200, JSON.stringify(issued.json));
        assert.equal((await whoami(issued.json.access_token, second.base)).id, user.id);
        assert.equal((await token(fields, {}, second.base)).json.error, "invalid_grant");
      } finally {
        await second.stop();
      }
    } finally {
      await first.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
);
