import { checkDocument } from "./checkDocument.ts";

/** A user of the target's test-support API, with what the sign-in page needs. */
export interface SupportUser {
  id: string;
  email: string;
  /** The REST API's own token for the user (never print it). */
  token: string;
}

/** The OAuth faults a target's authorization server can be told to commit for one client. */
export type ClientFault =
  | "oauth_plain_pkce"
  | "oauth_code_reuse"
  | "oauth_codes_in_memory"
  | "oauth_redirect_prefix";

/** Calls to the target's test-support API that the OAuth suites need, over plain fetch. */
export interface OauthTestSupport {
  createUser(tag: string): Promise<SupportUser>;
  deleteUser(id: string): Promise<void>;
  /** A one-time code with which the user signs in on the authorization server's page. */
  signInCode(userId: string): Promise<string>;
  clientFault(clientId: string, fault: ClientFault, enabled: boolean): Promise<void>;
  userFault(userId: string, fault: "oauth_any_audience", enabled: boolean): Promise<void>;
  /** How long the client's next codes live (1–600 s). */
  codeTtl(clientId: string, seconds: number): Promise<void>;
  /** A token for a test user, signed with the target's key, carrying exactly these claims. */
  signedToken(userId: string, claims: Record<string, unknown>): Promise<string>;
}

/**
 * The test-support calls of the OAuth suites, for the run's target or an instance a test booted
 * itself (hence plain fetch with a base URL and admin token rather than the `_admin` fixture).
 * Every secret it receives goes to `onSecret`; a refusal throws naming the route and status.
 *
 * @example
 * const support = createOauthTestSupport({ baseURL, adminToken, onSecret: record });
 * const code = await support.signInCode(user.id);
 */
export function createOauthTestSupport(options: {
  baseURL: string;
  adminToken: string;
  onSecret?: (secret: string) => void;
}): OauthTestSupport {
  const onSecret = options.onSecret ?? (() => undefined);
  const call = async <T>(method: string, path: string, status: number, body?: unknown): Promise<T> => {
    const response = await fetch(options.baseURL + path, {
      method,
      headers: {
        authorization: `Bearer ${options.adminToken}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    if (response.status !== status) {
      const code = /"code"\s*:\s*"([^"]+)"/.exec(text)?.[1] ?? "no error code";
      throw new Error(
        `[assay/oauth] test-support ${method} ${path.replace(/[0-9a-f-]{36}/g, ":id")} answered ${response.status} (${code}), expected ${status}. ` +
          'The OAuth suites need the target\'s test-support API (apps/agent-api/README.md, "OAuth 2.1 for /mcp").',
      );
    }
    return (text === "" ? undefined : JSON.parse(text)) as T;
  };
  return {
    async createUser(tag) {
      const body = await call<{ user: { id: string; email: string }; token: string }>(
        "POST",
        "/v1/test-support/users",
        201,
        { tag },
      );
      onSecret(body.token);
      return { id: body.user.id, email: body.user.email, token: body.token };
    },
    async deleteUser(id) {
      const response = await fetch(`${options.baseURL}/v1/test-support/users/${id}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${options.adminToken}` },
      });
      if (response.status !== 204 && response.status !== 404)
        throw new Error(`[assay/oauth] deleting test user ${id} answered ${response.status}`);
    },
    async signInCode(userId) {
      const body = await call<unknown>("POST", `/v1/test-support/users/${userId}/sign-in-codes`, 201);
      const { code } = checkDocument<{ code: string }>("sign-in", "http/oauth-sign-in-code.v1", body);
      onSecret(code);
      return code;
    },
    async clientFault(clientId, fault, enabled) {
      await call("PUT", `/v1/test-support/oauth/clients/${clientId}/faults`, 200, { fault, enabled });
    },
    async userFault(userId, fault, enabled) {
      await call("PUT", "/v1/test-support/faults", 200, { user_id: userId, fault, enabled });
    },
    async codeTtl(clientId, seconds) {
      await call("PUT", `/v1/test-support/oauth/clients/${clientId}/code-ttl`, 200, { seconds });
    },
    async signedToken(userId, claims) {
      const body = await call<{ token: string }>("POST", "/v1/test-support/tokens", 201, {
        user_id: userId,
        claims,
      });
      onSecret(body.token);
      return body.token;
    },
  };
}
