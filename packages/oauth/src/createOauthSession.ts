import type { ClientFault, OauthTestSupport, SupportUser } from "./createOauthTestSupport.ts";
import { type Discovery, discoverOauth } from "./discoverOauth.ts";
import type { Exchange } from "./httpExchange.ts";
import type { MatrixContext } from "./matrix/MatrixContext.ts";
import {
  deleteClient,
  type OauthClient,
  type RegistrationOptions,
  registerClient,
} from "./registerClient.ts";
import type { OauthTarget } from "./resolveOauthTarget.ts";
import { type FlowOptions, type FlowResult, runOauthFlow } from "./runOauthFlow.ts";
import type { SignInPage } from "./signInHeadless.ts";

/** A user the flow signs in as, and how. */
export interface OauthUser {
  /** Undefined for a fixed account (`ASSAY_OAUTH_SIGN_IN_FIELDS`): its id is not known. */
  id: string | undefined;
  email: string | undefined;
  /** The page object's fields for one sign-in: a fresh one-time code each time for a test user. */
  signIn(): Promise<SignInPage>;
}

/** The OAuth suites' handle on one MCP server: discovery, clients, users, flows; cleaned up after. */
export interface OauthSession {
  target: OauthTarget;
  support: OauthTestSupport;
  /** Every exchange of this session (method, URL without query, status, ms). */
  log: Exchange[];
  /** Every secret met so far: codes, verifiers, tokens, client secrets, sign-in codes. */
  secrets: string[];
  secret(value: string): void;
  discover(): Promise<Discovery>;
  /** A client registered dynamically for this session, deleted (RFC 7592) at cleanup. */
  register(options?: Partial<Omit<RegistrationOptions, "onSecret">>): Promise<OauthClient>;
  /** The pre-registered client when the target names one, else a new dynamic one. */
  client(): Promise<OauthClient>;
  /** A test user (deleted at cleanup) or the fixed account. */
  user(): Promise<OauthUser>;
  /** The whole flow for a user (default: a new one) with this session's client. */
  flow(options?: Partial<FlowOptions> & { user?: OauthUser }): Promise<FlowResult>;
  /** What the negative matrix needs, for a user (default: a new one). */
  matrixContext(options?: { user?: OauthUser; prepare?: MatrixContext["prepare"] }): Promise<MatrixContext>;
  /** Switches a fault on for a client; off again at cleanup. */
  clientFault(client: OauthClient, fault: ClientFault): Promise<void>;
  /** Switches `oauth_any_audience` on for a user; off again at cleanup. */
  userFault(userId: string, fault: "oauth_any_audience"): Promise<void>;
  /** Faults off, clients deleted, users deleted — newest first; every error rethrown together. */
  cleanup(): Promise<void>;
}

/**
 * Builds the OAuth suites' session for one MCP server (the run's target, or an instance a test
 * booted). Every secret goes to `onSecret` (the run's secret scan) and into `secrets`.
 *
 * @example
 * const session = createOauthSession({ target, support, tag, onSecret });
 * const flow = await session.flow();
 * await session.cleanup();
 */
export function createOauthSession(options: {
  target: OauthTarget;
  support: OauthTestSupport;
  /** The run tag of the users it creates (`runTag()`), so a crashed run's users can be swept. */
  tag: string;
  onSecret?: (secret: string) => void;
}): OauthSession {
  const { target, support } = options;
  const log: Exchange[] = [];
  const secrets: string[] = [];
  const undo: Array<{ what: string; run: () => Promise<unknown> }> = [];
  let discovery: Promise<Discovery> | undefined;
  let users = 0;
  const secret = (value: string) => {
    if (value === "" || secrets.includes(value)) return;
    secrets.push(value);
    options.onSecret?.(value);
  };
  const session: OauthSession = {
    target,
    support,
    log,
    secrets,
    secret,
    discover: () => {
      discovery ??= discoverOauth(target.mcpUrl, log);
      return discovery;
    },
    async register(registration = {}) {
      const client = await registerClient(
        await session.discover(),
        { redirectUri: target.redirectUri, ...registration, onSecret: secret },
        log,
      );
      undo.push({ what: `client ${client.clientId}`, run: () => deleteClient(client, log) });
      return client;
    },
    async client() {
      if (target.client === undefined) return session.register();
      const server = (await session.discover()).server;
      if (target.client.clientSecret !== undefined) secret(target.client.clientSecret);
      return {
        clientId: target.client.clientId,
        ...(target.client.clientSecret === undefined ? {} : { clientSecret: target.client.clientSecret }),
        redirectUri: target.redirectUri,
        authMethod: target.client.authMethod,
        issuer: server.issuer,
        source: "pre-registered",
      };
    },
    async user() {
      const fields = target.signInFields;
      if (fields !== undefined) {
        for (const value of Object.values(fields)) secret(value);
        return { id: undefined, email: undefined, signIn: async () => ({ fields }) };
      }
      users += 1;
      const user: SupportUser = await support.createUser(`${options.tag}:oauth${users}`);
      undo.push({ what: `user ${user.id}`, run: () => support.deleteUser(user.id) });
      return {
        id: user.id,
        email: user.email,
        signIn: async () => ({ fields: { email: user.email, code: await support.signInCode(user.id) } }),
      };
    },
    async flow(flowOptions = {}) {
      const user = flowOptions.user ?? (await session.user());
      // Without a client, the flow registers one itself: registration is part of its wall time.
      const client = flowOptions.client ?? (target.client === undefined ? undefined : await session.client());
      return runOauthFlow({
        mcpUrl: target.mcpUrl,
        ...(client === undefined ? { registration: { redirectUri: target.redirectUri } } : { client }),
        onClient: (registered) =>
          undo.push({ what: `client ${registered.clientId}`, run: () => deleteClient(registered, log) }),
        signIn: flowOptions.signIn ?? (await user.signIn()),
        onSecret: secret,
        ...(flowOptions.tool === undefined ? {} : { tool: flowOptions.tool }),
      });
    },
    async matrixContext(matrixOptions = {}) {
      const user = matrixOptions.user ?? (await session.user());
      return {
        discovery: await session.discover(),
        mcpUrl: target.mcpUrl,
        redirectUri: target.redirectUri,
        userId: user.id ?? "",
        newClient: (registration) => session.register(registration),
        signIn: () => user.signIn(),
        support,
        onSecret: secret,
        log,
        ...(matrixOptions.prepare === undefined ? {} : { prepare: matrixOptions.prepare }),
      };
    },
    async clientFault(client, fault) {
      undo.push({
        what: `${fault} for client ${client.clientId}`,
        run: () => support.clientFault(client.clientId, fault, false),
      });
      await support.clientFault(client.clientId, fault, true);
    },
    async userFault(userId, fault) {
      undo.push({ what: `${fault} for user ${userId}`, run: () => support.userFault(userId, fault, false) });
      await support.userFault(userId, fault, true);
    },
    async cleanup() {
      const errors: string[] = [];
      for (const step of undo.splice(0).reverse()) {
        try {
          await step.run();
        } catch (error) {
          errors.push(`${step.what}: ${(error as Error).message}`);
        }
      }
      if (errors.length > 0)
        throw new Error(`[assay/oauth] teardown left ${errors.length} thing(s) behind: ${errors.join("; ")}`);
    },
  };
  return session;
}
