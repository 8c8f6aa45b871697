import { authorizationParams, authorizationUrl } from "./authorizationUrl.ts";
import { callMcp, type McpCall } from "./callMcp.ts";
import { createPkce } from "./createPkce.ts";
import { type Discovery, discoverOauth } from "./discoverOauth.ts";
import type { Exchange } from "./httpExchange.ts";
import { OauthFlowError } from "./OauthFlowError.ts";
import { type AuthorizationResponse, readAuthorizationResponse } from "./readAuthorizationResponse.ts";
import { type OauthClient, type RegistrationOptions, registerClient } from "./registerClient.ts";
import { obtainTokens, type TokenResponse } from "./requestToken.ts";
import { type SignInPage, signInHeadless } from "./signInHeadless.ts";

/** How the user signs in: the headless page object, or a driver of its own (a browser) that resolves the callback URL. */
export type SignIn = SignInPage | ((authorizationUrl: string) => Promise<string>);

/** What one whole flow did, step by step. */
export interface FlowResult {
  discovery: Discovery;
  client: OauthClient;
  authorization: AuthorizationResponse & { kind: "code" };
  tokens: TokenResponse;
  mcp: McpCall;
  /** Milliseconds per step, in order. */
  steps: Array<{ step: string; ms: number }>;
  ms: number;
  exchanges: Exchange[];
}

/** The options of {@link runOauthFlow}. */
export interface FlowOptions {
  mcpUrl: string;
  /** A client to use (pre-registered); without one the flow registers one dynamically. */
  client?: OauthClient;
  /** Dynamic registration's options; `redirectUri` is required when no client is given. */
  registration?: Omit<RegistrationOptions, "onSecret">;
  signIn: SignIn;
  /** Told every secret the flow meets: verifier, code, tokens, client secret, registration token. */
  onSecret?: (secret: string) => void;
  /** Told every client registered on the way (to delete it after the test). */
  onClient?: (client: OauthClient) => void;
  /** A tool to call with the token at the end (the reference: `whoami`). */
  tool?: { name: string; arguments: Record<string, unknown> };
}

/**
 * The whole MCP authorization flow against any MCP server, as the MCP spec lays it out: the 401,
 * the protected-resource metadata, the authorization server metadata, registration (dynamic,
 * unless a client is given), the authorization request with PKCE S256, `state` and `resource`,
 * the sign-in, the authorization response (state and `iss` checked), the token request, and
 * `/mcp` called with the token. Every document is checked against its contract on the way.
 *
 * @example
 * const flow = await runOauthFlow({ mcpUrl, registration: { redirectUri }, signIn: { fields: { email, code } } });
 * flow.mcp.serverName;
 */
export async function runOauthFlow(options: FlowOptions): Promise<FlowResult> {
  const exchanges: Exchange[] = [];
  const steps: FlowResult["steps"] = [];
  const started = performance.now();
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const at = performance.now();
    const value = await work();
    steps.push({ step, ms: Math.round((performance.now() - at) * 10) / 10 });
    return value;
  };
  const onSecret = options.onSecret ?? (() => undefined);
  const discovery = await timed("discovery", () => discoverOauth(options.mcpUrl, exchanges));
  const client =
    options.client ??
    (await timed("registration", async () => {
      if (options.registration === undefined)
        throw new OauthFlowError("registration", "give a client or the registration options (redirectUri)");
      const registered = await registerClient(discovery, { ...options.registration, onSecret }, exchanges);
      options.onClient?.(registered);
      return registered;
    }));
  if (client.issuer !== discovery.server.issuer) {
    throw new OauthFlowError(
      "registration",
      `the client belongs to ${client.issuer}, but the MCP server names ${discovery.server.issuer}: register it there (the MCP spec binds credentials to their issuer)`,
    );
  }
  const pkce = createPkce();
  onSecret(pkce.verifier);
  const params = authorizationParams(discovery, client, pkce);
  const url = authorizationUrl(discovery, params);
  const callback = await timed("sign-in", async () =>
    typeof options.signIn === "function"
      ? options.signIn(url)
      : (
          await signInHeadless({
            authorizationUrl: url,
            redirectUri: client.redirectUri,
            page: options.signIn,
            log: exchanges,
          })
        ).callback,
  );
  const authorization = readAuthorizationResponse(callback, {
    state: params.state,
    issuer: discovery.server.issuer,
    issSupported: discovery.server.authorization_response_iss_parameter_supported === true,
  });
  if (authorization.kind === "error") {
    throw new OauthFlowError(
      "authorization",
      `the server answered ${authorization.error}: ${authorization.description ?? ""}`,
      {
        error: authorization.error,
      },
    );
  }
  onSecret(authorization.code);
  const tokens = await timed("token", () =>
    obtainTokens(
      discovery,
      client,
      {
        grant_type: "authorization_code",
        code: authorization.code,
        code_verifier: pkce.verifier,
        redirect_uri: client.redirectUri,
        resource: discovery.resource.resource,
      },
      { log: exchanges, onSecret },
    ),
  );
  const mcp = await timed("mcp", () =>
    callMcp(options.mcpUrl, tokens.access_token, {
      log: exchanges,
      ...(options.tool ? { tool: options.tool } : {}),
    }),
  );
  return {
    discovery,
    client,
    authorization,
    tokens,
    mcp,
    steps,
    ms: Math.round(performance.now() - started),
    exchanges,
  };
}
