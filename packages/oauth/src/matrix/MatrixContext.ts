import type { OauthTestSupport } from "../createOauthTestSupport.ts";
import type { Discovery } from "../discoverOauth.ts";
import type { Exchange } from "../httpExchange.ts";
import type { OauthClient, RegistrationOptions } from "../registerClient.ts";
import type { SignInPage } from "../signInHeadless.ts";

/** What every negative case may use. */
export interface MatrixContext {
  discovery: Discovery;
  mcpUrl: string;
  /** The redirect URI new clients register (and the variants are built from). */
  redirectUri: string;
  /** The signed-in user's id (for the other-audience token). */
  userId: string;
  /** A new client of its own for one case (registered dynamically, deleted after the test). */
  newClient(options?: Partial<Omit<RegistrationOptions, "onSecret">>): Promise<OauthClient>;
  /** The sign-in page object for the user: fresh for every authorization (sign-in codes work once). */
  signIn(): Promise<SignInPage>;
  /** The target's test-support API, when it has one (expired codes and foreign tokens need it). */
  support: OauthTestSupport | undefined;
  /** Runs once a case has its client and before it uses it: a fault test switches a fault on here. */
  prepare?: (what: { case: string; client: OauthClient }) => Promise<void>;
  onSecret(secret: string): void;
  log: Exchange[];
}

/** What one case observed. */
export interface CaseOutcome {
  /** What came back, in one line (never a secret). */
  got: string;
  pass: boolean;
  /** Access and refresh tokens the server handed out where the case expected none. */
  tokensIssued: number;
}

/** One row of the negative matrix. */
export interface NegativeCase {
  name: string;
  /** Where the expected answer is written down. */
  rfc: string;
  /** What the specs say must come back, in one line. */
  expected: string;
  run(ctx: MatrixContext): Promise<CaseOutcome>;
}

/** A row of the result: the case, what was expected and what came. */
export interface MatrixRow extends CaseOutcome {
  case: string;
  rfc: string;
  expected: string;
  ms: number;
}
