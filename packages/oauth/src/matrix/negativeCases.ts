import { authorizationParams } from "../authorizationUrl.ts";
import { createPkce, s256 } from "../createPkce.ts";
import { OauthFlowError } from "../OauthFlowError.ts";
import type { OauthClient } from "../registerClient.ts";
import type { CaseOutcome, MatrixContext, NegativeCase } from "./MatrixContext.ts";
import {
  codeGrant,
  describeToken,
  goodCode,
  mcpAccepts,
  refusedAtAuthorization,
  refusedAtToken,
  token,
  tokensIn,
} from "./matrixSteps.ts";

const REUSED_CODE = "reused code (and the first use's tokens revoked)";
const EXPIRED_CODE = "expired code";
const OTHER_CLIENTS_CODE = "another client's code";
const WRONG_SECRET = "wrong client secret";
const REUSED_REFRESH = "reused refresh token (and its family revoked)";

async function clientFor(
  ctx: MatrixContext,
  name: string,
  options: Parameters<MatrixContext["newClient"]>[0] = {},
): Promise<OauthClient> {
  const client = await ctx.newClient(options);
  await ctx.prepare?.({ case: name, client });
  return client;
}

/** A case refused at the authorization endpoint: a good request with `change` applied. */
function authorizationCase(
  name: string,
  rfc: string,
  expected: { error: string } | "page",
  change: (
    params: ReturnType<typeof authorizationParams>,
    ctx: MatrixContext,
  ) => ReturnType<typeof authorizationParams>,
): NegativeCase {
  return {
    name,
    rfc,
    expected:
      expected === "page"
        ? "no redirect: an error page (4xx)"
        : `redirect with error=${expected.error}, state and iss`,
    async run(ctx) {
      const client = await clientFor(ctx, name);
      const pkce = createPkce();
      ctx.onSecret(pkce.verifier);
      const params = change(authorizationParams(ctx.discovery, client, pkce), ctx);
      // Accepted anyway: redeem as the client that sent it would (plain sends the challenge back).
      const verifier = params.code_challenge_method === "plain" ? params.code_challenge : pkce.verifier;
      return refusedAtAuthorization(ctx, client, params, expected, verifier);
    },
  };
}

function redirectVariant(name: string, change: (url: URL) => string): NegativeCase {
  return authorizationCase(
    `redirect_uri ${name}`,
    "RFC 6749 §4.1.2.1, OAuth 2.1 §2.3.1 (exact match)",
    "page",
    (params, ctx) => ({
      ...params,
      redirect_uri: change(new URL(ctx.redirectUri)),
    }),
  );
}

/** A case refused at the token endpoint, for a code a good client got. */
function tokenCase(
  name: string,
  rfc: string,
  status: number,
  error: string,
  request: (
    ctx: MatrixContext,
    client: OauthClient,
    grant: Record<string, string | undefined>,
  ) => Promise<CaseOutcome>,
): NegativeCase {
  return {
    name,
    rfc,
    expected: `${status} ${error}`,
    async run(ctx) {
      const client = await clientFor(ctx, name);
      const got = await goodCode(ctx, client);
      return request(ctx, client, codeGrant(client, got, ctx));
    },
  };
}

const requireSupport = (ctx: MatrixContext, what: string) => {
  if (ctx.support === undefined)
    throw new OauthFlowError("token", `${what} needs the target's test-support API (ASSAY_ADMIN_TOKEN)`);
  return ctx.support;
};

/**
 * The negative matrix: every request here must be refused with the error the RFCs name, and
 * none may hand out a token. Each case registers a client of its own, so a fault switched on for
 * one case's client touches no other case (nor any other test).
 *
 * @example
 * const rows = await runNegativeMatrix(ctx, NEGATIVE_CASES);
 */
export const NEGATIVE_CASES: readonly NegativeCase[] = [
  authorizationCase(
    "no code_challenge",
    "OAuth 2.1 §4.1.2.1, RFC 7636 §4.4.1",
    { error: "invalid_request" },
    (p) => ({
      ...p,
      code_challenge: undefined,
      code_challenge_method: undefined,
    }),
  ),
  authorizationCase(
    "code_challenge_method=plain",
    "RFC 7636 §4.4.1, MCP: S256 only",
    { error: "invalid_request" },
    (p) => ({
      ...p,
      code_challenge: createPkce().verifier,
      code_challenge_method: "plain",
    }),
  ),
  authorizationCase(
    "malformed code_challenge (too short)",
    "RFC 7636 §4.2, §4.4.1",
    { error: "invalid_request" },
    (p) => ({
      ...p,
      code_challenge: "too-short",
    }),
  ),
  authorizationCase(
    "missing state",
    "RFC 6749 §4.1.2.1 (required here), MCP: clients send state",
    { error: "invalid_request" },
    (p) => ({
      ...p,
      state: undefined,
    }),
  ),
  authorizationCase(
    "response_type=token (implicit)",
    "RFC 6749 §4.1.2.1, OAuth 2.1 §4.1.1",
    { error: "unsupported_response_type" },
    (p) => ({
      ...p,
      response_type: "token",
    }),
  ),
  authorizationCase("resource of another server", "RFC 8707 §2", { error: "invalid_target" }, (p) => ({
    ...p,
    resource: "https://other.assay.test/mcp",
  })),
  authorizationCase("unknown client_id", "RFC 6749 §4.1.2.1", "page", (p) => ({
    ...p,
    client_id: "00000000-0000-4000-8000-000000000000",
  })),
  redirectVariant("with a trailing slash", (url) => `${url.href}/`),
  redirectVariant("in another case", (url) => url.href.replace(url.pathname, url.pathname.toUpperCase())),
  redirectVariant("with an extra query", (url) => `${url.href}${url.search === "" ? "?" : "&"}x=1`),
  redirectVariant("on another port", (url) => {
    url.port = url.port === "8443" ? "8444" : "8443";
    return url.href;
  }),
  redirectVariant("over the other scheme (http vs https)", (url) => {
    url.protocol = url.protocol === "https:" ? "http:" : "https:";
    return url.href;
  }),
  redirectVariant("with user information", (url) => {
    url.username = "attacker";
    return url.href;
  }),
  redirectVariant("with a fragment", (url) => `${url.href}#fragment`),
  tokenCase(
    "no code_verifier",
    "OAuth 2.1 §4.1.3, RFC 6749 §5.2",
    400,
    "invalid_request",
    async (ctx, client, grant) =>
      refusedAtToken(
        await token(ctx, client, { ...grant, code_verifier: undefined }),
        400,
        "invalid_request",
      ),
  ),
  tokenCase("wrong code_verifier", "RFC 7636 §4.6", 400, "invalid_grant", async (ctx, client, grant) =>
    refusedAtToken(
      await token(ctx, client, { ...grant, code_verifier: createPkce().verifier }),
      400,
      "invalid_grant",
    ),
  ),
  tokenCase(
    "the challenge sent as the verifier (plain downgrade)",
    "RFC 7636 §4.6",
    400,
    "invalid_grant",
    async (ctx, client, grant) => {
      const challenge = s256(grant.code_verifier ?? "");
      return refusedAtToken(
        await token(ctx, client, { ...grant, code_verifier: challenge }),
        400,
        "invalid_grant",
      );
    },
  ),
  {
    name: REUSED_CODE,
    rfc: "OAuth 2.1 §4.1.3, RFC 6749 §10.5",
    expected: "400 invalid_grant; the first access token then 401 at /mcp, its refresh token invalid_grant",
    async run(ctx) {
      const client = await clientFor(ctx, REUSED_CODE);
      const grant = codeGrant(client, await goodCode(ctx, client), ctx);
      const first = await token(ctx, client, grant);
      if (!first.ok)
        return { got: `the first redemption failed: ${describeToken(first)}`, pass: false, tokensIssued: 0 };
      const second = await token(ctx, client, grant);
      const access = await mcpAccepts(ctx, first.tokens.access_token);
      const refresh =
        first.tokens.refresh_token === undefined
          ? undefined
          : await token(ctx, client, {
              grant_type: "refresh_token",
              refresh_token: first.tokens.refresh_token,
            });
      const refused = !second.ok && second.status === 400 && second.error === "invalid_grant";
      const revoked =
        access.status === 401 &&
        (refresh === undefined || (!refresh.ok && refresh.error === "invalid_grant"));
      const got = `${describeToken(second)}; first access token ${access.status} at /mcp${refresh === undefined ? "" : `; its refresh token ${describeToken(refresh)}`}`;
      return {
        got,
        pass: refused && revoked,
        tokensIssued: tokensIn(second) + (refresh === undefined ? 0 : tokensIn(refresh)),
      };
    },
  },
  {
    name: EXPIRED_CODE,
    rfc: "RFC 6749 §4.1.2, §5.2 (codes live ≤ 10 min)",
    expected: "400 invalid_grant",
    async run(ctx) {
      const client = await clientFor(ctx, EXPIRED_CODE);
      await requireSupport(ctx, "an expired code").codeTtl(client.clientId, 1);
      const got = await goodCode(ctx, client);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      return refusedAtToken(await token(ctx, client, codeGrant(client, got, ctx)), 400, "invalid_grant");
    },
  },
  {
    name: OTHER_CLIENTS_CODE,
    rfc: "RFC 6749 §4.1.3",
    expected: "400 invalid_grant",
    async run(ctx) {
      const owner = await clientFor(ctx, OTHER_CLIENTS_CODE);
      const thief = await clientFor(ctx, OTHER_CLIENTS_CODE);
      const got = await goodCode(ctx, owner);
      const grant = { ...codeGrant(owner, got, ctx), redirect_uri: thief.redirectUri };
      return refusedAtToken(await token(ctx, thief, grant), 400, "invalid_grant");
    },
  },
  tokenCase(
    "resource differs at the token endpoint",
    "RFC 8707 §2",
    400,
    "invalid_target",
    async (ctx, client, grant) =>
      refusedAtToken(
        await token(ctx, client, { ...grant, resource: "https://other.assay.test/mcp" }),
        400,
        "invalid_target",
      ),
  ),
  tokenCase(
    "redirect_uri differs at the token endpoint",
    "RFC 6749 §4.1.3",
    400,
    "invalid_grant",
    async (ctx, client, grant) =>
      refusedAtToken(
        await token(ctx, client, { ...grant, redirect_uri: `${client.redirectUri}/other` }),
        400,
        "invalid_grant",
      ),
  ),
  {
    name: WRONG_SECRET,
    rfc: "RFC 6749 §5.2",
    expected: "401 invalid_client",
    async run(ctx) {
      const client = await clientFor(ctx, WRONG_SECRET, { authMethod: "client_secret_basic" });
      const got = await goodCode(ctx, client);
      const outcome = await token(ctx, client, codeGrant(client, got, ctx), "not-the-secret");
      return refusedAtToken(outcome, 401, "invalid_client");
    },
  },
  tokenCase(
    "grant_type=password",
    "OAuth 2.1 §4 (no password grant), RFC 6749 §5.2",
    400,
    "unsupported_grant_type",
    async (ctx, client) =>
      refusedAtToken(
        await token(ctx, client, { grant_type: "password", username: "a", password: "b" }),
        400,
        "unsupported_grant_type",
      ),
  ),
  {
    name: REUSED_REFRESH,
    rfc: "OAuth 2.1 §4.3.1, MCP: rotate refresh tokens",
    expected: "400 invalid_grant; the rotated refresh token then invalid_grant, its access token 401 at /mcp",
    async run(ctx) {
      const client = await clientFor(ctx, REUSED_REFRESH);
      const issued = await token(ctx, client, codeGrant(client, await goodCode(ctx, client), ctx));
      if (!issued.ok || issued.tokens.refresh_token === undefined)
        return { got: `no refresh token to reuse: ${describeToken(issued)}`, pass: false, tokensIssued: 0 };
      const refresh = { grant_type: "refresh_token", refresh_token: issued.tokens.refresh_token };
      const rotated = await token(ctx, client, refresh);
      if (!rotated.ok || rotated.tokens.refresh_token === undefined)
        return { got: `the first refresh failed: ${describeToken(rotated)}`, pass: false, tokensIssued: 0 };
      if (rotated.tokens.refresh_token === issued.tokens.refresh_token)
        return { got: "the refresh token was not rotated", pass: false, tokensIssued: 0 };
      const replay = await token(ctx, client, refresh);
      const family = await token(ctx, client, {
        grant_type: "refresh_token",
        refresh_token: rotated.tokens.refresh_token,
      });
      const access = await mcpAccepts(ctx, rotated.tokens.access_token);
      const pass =
        !replay.ok &&
        replay.status === 400 &&
        replay.error === "invalid_grant" &&
        !family.ok &&
        family.error === "invalid_grant" &&
        access.status === 401;
      return {
        got: `${describeToken(replay)}; rotated refresh token ${describeToken(family)}; its access token ${access.status} at /mcp`,
        pass,
        tokensIssued: tokensIn(replay) + tokensIn(family),
      };
    },
  },
  {
    name: "a token for another audience at /mcp",
    rfc: "RFC 8707 §2, RFC 6750 §3.1, MCP: tokens issued for this server only",
    expected: '401 with WWW-Authenticate error="invalid_token"',
    async run(ctx) {
      const support = requireSupport(ctx, "a token for another audience");
      const foreign = await support.signedToken(ctx.userId, {
        sub: ctx.userId,
        iss: ctx.discovery.server.issuer,
        aud: "https://other.assay.test/mcp",
        exp: Math.floor(Date.now() / 1000) + 300,
      });
      const answer = await mcpAccepts(ctx, foreign);
      const invalid = /error="invalid_token"/.test(answer.challenge ?? "");
      return {
        got: `${answer.status}${invalid ? ' with error="invalid_token"' : answer.status === 401 ? " without error=invalid_token" : ": accepted"}`,
        pass: answer.status === 401 && invalid,
        tokensIssued: 0,
      };
    },
  },
  {
    name: "registration with a redirect URI holding a fragment",
    rfc: "RFC 6749 §3.1.2, RFC 7591 §3.2.2",
    expected: "400 invalid_redirect_uri",
    async run(ctx) {
      try {
        await ctx.newClient({ redirectUri: `${ctx.redirectUri}#fragment` });
        return { got: "201: registered", pass: false, tokensIssued: 0 };
      } catch (error) {
        if (!(error instanceof OauthFlowError) || error.step !== "registration") throw error;
        return {
          got: error.status === undefined ? error.message : `${error.status} ${error.error ?? ""}`.trim(),
          pass: error.status === 400 && error.error === "invalid_redirect_uri",
          tokensIssued: 0,
        };
      }
    },
  },
];
