import type { ClientAuthMethod } from "./registerClient.ts";

/** Where the OAuth suites point and with which client and sign-in. */
export interface OauthTarget {
  /** The MCP endpoint whose authorization is tested. */
  mcpUrl: string;
  /** The redirect URI clients register (dynamic) or were registered with (pre-registered). */
  redirectUri: string;
  /** A pre-registered client (`ASSAY_OAUTH_CLIENT_ID`); undefined: dynamic registration. */
  client: { clientId: string; clientSecret: string | undefined; authMethod: ClientAuthMethod } | undefined;
  /** A fixed account's sign-in form fields (`ASSAY_OAUTH_SIGN_IN_FIELDS`); undefined: test users with one-time sign-in codes. */
  signInFields: Record<string, string> | undefined;
}

/** A missing or malformed OAuth variable; its message is one line naming every bad one. */
export class OauthConfigError extends Error {
  override name = "OauthConfigError";
}

/** Where a client that never listens is sent back to: nothing resolves it, the flow reads the redirect. */
export const DEFAULT_REDIRECT_URI = "https://client.assay.test/callback";
const AUTH_METHODS: readonly ClientAuthMethod[] = ["none", "client_secret_basic", "client_secret_post"];

function url(value: string, name: string, problems: string[]): string {
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol) || value.includes("#")) {
    problems.push(`${name} must be an http: or https: URL without a fragment`);
    return "";
  }
  return value;
}

/**
 * Reads the OAuth suites' variables (README, "Point it at staging"), or throws one
 * {@link OauthConfigError} naming every bad one — before any test runs. The MCP endpoint is
 * `ASSAY_MCP_URL`, else the target's `/mcp`; a pre-registered client needs its redirect URI; a
 * secret needs its client id.
 *
 * @example
 * const oauth = resolveOauthTarget(readEnv(), target.baseURL);
 */
export function resolveOauthTarget(
  env: Readonly<Record<string, string | undefined>>,
  baseURL: string,
): OauthTarget {
  const problems: string[] = [];
  const mcpUrl = env.ASSAY_MCP_URL ? url(env.ASSAY_MCP_URL, "ASSAY_MCP_URL", problems) : `${baseURL}/mcp`;
  const clientId = env.ASSAY_OAUTH_CLIENT_ID || undefined;
  const clientSecret = env.ASSAY_OAUTH_CLIENT_SECRET || undefined;
  if (clientSecret !== undefined && clientId === undefined)
    problems.push("ASSAY_OAUTH_CLIENT_SECRET is set without ASSAY_OAUTH_CLIENT_ID");
  if (clientId !== undefined && !/^[\x21-\x7E]{1,200}$/.test(clientId))
    problems.push("ASSAY_OAUTH_CLIENT_ID must be 1-200 visible ASCII characters");
  const redirect = env.ASSAY_OAUTH_REDIRECT_URI || undefined;
  if (clientId !== undefined && redirect === undefined)
    problems.push(
      "ASSAY_OAUTH_REDIRECT_URI is missing (the redirect URI ASSAY_OAUTH_CLIENT_ID was registered with)",
    );
  const redirectUri =
    redirect === undefined ? DEFAULT_REDIRECT_URI : url(redirect, "ASSAY_OAUTH_REDIRECT_URI", problems);
  const method = env.ASSAY_OAUTH_CLIENT_AUTH || (clientSecret === undefined ? "none" : "client_secret_basic");
  const authMethod = AUTH_METHODS.find((known) => known === method);
  if (authMethod === undefined)
    problems.push(`ASSAY_OAUTH_CLIENT_AUTH must be one of ${AUTH_METHODS.join(", ")}`);
  else if ((authMethod === "none") !== (clientSecret === undefined) && clientId !== undefined)
    problems.push(
      `ASSAY_OAUTH_CLIENT_AUTH=${authMethod} ${authMethod === "none" ? "takes no" : "needs"} ASSAY_OAUTH_CLIENT_SECRET`,
    );
  let signInFields: Record<string, string> | undefined;
  if (env.ASSAY_OAUTH_SIGN_IN_FIELDS) {
    const fields = new URLSearchParams(env.ASSAY_OAUTH_SIGN_IN_FIELDS);
    signInFields = Object.fromEntries(fields);
    const names = Object.keys(signInFields);
    if (names.length === 0 || names.some((name) => name === "" || signInFields?.[name] === ""))
      problems.push(
        "ASSAY_OAUTH_SIGN_IN_FIELDS must be name=value pairs joined by & (URL-encoded), none empty",
      );
  }
  if (problems.length > 0)
    throw new OauthConfigError(`[assay/oauth] the OAuth suites cannot start: ${problems.join("; ")}.`);
  return {
    mcpUrl,
    redirectUri,
    client: clientId === undefined ? undefined : { clientId, clientSecret, authMethod: authMethod ?? "none" },
    signInFields,
  };
}
