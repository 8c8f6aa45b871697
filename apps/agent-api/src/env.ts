import { createPrivateKey, randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { JWT_ALGS, type JwtAlg } from "./auth/createKeySet.ts";

/** Log levels, lowest first. */
export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Everything the service reads from its environment, parsed and checked once. */
export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  jwtAlg: JwtAlg;
  /** The HMAC secret; "" in RS256 mode. */
  jwtSecret: string;
  /** The RS256 private key (PEM); undefined: a fresh key at start. */
  jwtPrivateKey: string | undefined;
  jwtIssuer: string;
  jwtAudience: string;
  adminToken: string | undefined;
  llmUrl: string;
  llmMock: boolean;
  llmTimeoutMs: number;
  consoleDir: string;
  /** Origins whose browsers may call the API cross-origin (exact `scheme://host[:port]`); none by default. */
  corsOrigins: string[];
  logLevel: LogLevel;
  /** An MCP session (session era) ends after this long without a request. */
  mcpSessionIdleMs: number;
  /** The origin clients reach the service by (OAuth issuer, MCP resource); unset: the request's Host. */
  publicUrl: string | undefined;
  /** How often expired OAuth codes, refresh tokens, sign-in codes and grants are deleted. */
  oauthCleanupMs: number;
  /** The embedded database's files; unset: in memory (gone when the process ends). */
  dbDir: string | undefined;
  /**
   * Names this instance in the runs it stores; a restart with the same id ends the runs its
   * previous process left `running`. Default `<hostname>:<port>`, random on port 0.
   */
  instanceId: string;
  /** A file the log lines go to instead of stdout (appended). */
  logFile: string | undefined;
  /** Pool size; undefined: 10 on PostgreSQL, 1 on the embedded database. */
  dbPoolMax: number | undefined;
  dbConnectTimeoutMs: number;
  dbQueryTimeoutMs: number;
  /** How often the database monitor checks while the database is up. */
  healthIntervalMs: number;
  /** Consecutive upstream failures that open the circuit breaker. */
  breakerFailures: number;
  /** How long the breaker stays open before one probe call may go through. */
  breakerOpenMs: number;
  memoryMaxAttempts: number;
  memoryRetryMs: number;
  /** Requests per minute per user on the rate-limited routes. */
  rateLimitPerMinute: number;
  /** The HTTPS listener's port; undefined: no HTTPS. */
  tlsPort: number | undefined;
  /** PEM files; unset with a TLS port: a self-signed certificate made at start. */
  tlsCertFile: string | undefined;
  tlsKeyFile: string | undefined;
  /** Whether plain HTTP answers 308 to the HTTPS listener. */
  httpsRedirect: boolean;
};

/** A variable that is missing or malformed; `message` is the one line printed before exit 2. */
export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, problem: string) {
    super(`[agent-api] ${variable} ${problem}`);
    this.name = "ConfigError";
    this.variable = variable;
  }
}

const DEFAULT_LLM_URL = "http://llm.assay.internal/v1/chat/completions";
const DEFAULT_CONSOLE_DIR = path.resolve(import.meta.dirname, "../../console/public");

type Env = Readonly<Record<string, string | undefined>>;

function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max} (got "${raw.slice(0, 20)}").`);
  }
  return value;
}

function readSecret(env: Env, name: string, required: boolean): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") {
    if (required) throw new ConfigError(name, "must be set to a secret of at least 32 characters.");
    return undefined;
  }
  if (raw.length < 32) throw new ConfigError(name, "must be at least 32 characters long.");
  return raw;
}

function readUrl(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  if (!URL.canParse(raw) || !protocols.includes(new URL(raw).protocol)) {
    throw new ConfigError(
      name,
      `must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}.`,
    );
  }
  return raw;
}

// An origin and nothing else: it becomes the OAuth issuer, which may carry no query or fragment,
// and the MCP resource is this origin + /mcp.
function readOrigin(env: Env, name: string): string | undefined {
  const raw = readUrl(env, name, ["http:", "https:"]);
  if (raw === undefined) return undefined;
  const url = new URL(raw);
  const extra = url.pathname !== "/" || url.search !== "" || raw.includes("#");
  if (extra || url.username !== "" || url.password !== "")
    throw new ConfigError(
      name,
      "must be an origin only, like https://api.example.com (no path, query or user).",
    );
  return url.origin;
}

function readChoice<T extends string>(env: Env, name: string, choices: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const found = choices.find((choice) => choice === raw);
  if (found === undefined) throw new ConfigError(name, `must be one of ${choices.join(", ")}.`);
  return found;
}

function readOrigins(env: Env, name: string): string[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return [];
  const origins = raw.split(",").map((origin) => origin.trim());
  for (const origin of origins) {
    // An origin is exactly scheme://host[:port]: no path, no trailing slash, no wildcard.
    const valid = URL.canParse(origin) && ["http:", "https:"].includes(new URL(origin).protocol);
    if (!valid || new URL(origin).origin !== origin) {
      throw new ConfigError(
        name,
        `must be a comma-separated list of origins like https://console.example.com (got "${origin.slice(0, 60)}").`,
      );
    }
  }
  return origins;
}

function readPrivateKey(env: Env, alg: JwtAlg): string | undefined {
  const raw = env.ASSAY_JWT_PRIVATE_KEY;
  if (raw === undefined || raw === "") return undefined;
  if (alg !== "RS256")
    throw new ConfigError("ASSAY_JWT_PRIVATE_KEY", "is only read with ASSAY_JWT_ALG=RS256.");
  // A PEM squeezed onto one line (CI secrets often are) keeps its newlines as "\n".
  const pem = raw.includes("\\n") ? raw.replaceAll("\\n", "\n") : raw;
  const problem = "must be an RSA private key of at least 2048 bits in PEM.";
  try {
    const key = createPrivateKey(pem);
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (key.asymmetricKeyType !== "rsa" || bits < 2048)
      throw new ConfigError("ASSAY_JWT_PRIVATE_KEY", problem);
  } catch {
    throw new ConfigError("ASSAY_JWT_PRIVATE_KEY", problem);
  }
  return pem;
}

/**
 * Parses the service's environment; throws a {@link ConfigError} naming the first bad variable.
 * @example parseEnv({ ASSAY_JWT_SECRET: "x".repeat(32), PORT: "0" }).port // 0
 */
export function parseEnv(env: Env): Config {
  const llmUrlSet = readUrl(env, "ASSAY_LLM_URL", ["http:", "https:"]);
  const mock = readChoice(env, "ASSAY_LLM_MOCK", ["0", "1"], llmUrlSet === undefined ? "1" : "0");
  const host = env.HOST === undefined || env.HOST === "" ? "127.0.0.1" : env.HOST;
  const jwtAlg = readChoice(env, "ASSAY_JWT_ALG", JWT_ALGS, "HS256");
  const port = readInteger(env, "PORT", 4310, 0, 65535);
  return {
    port,
    host,
    databaseUrl: readUrl(env, "DATABASE_URL", ["postgres:", "postgresql:"]),
    jwtAlg,
    jwtSecret: readSecret(env, "ASSAY_JWT_SECRET", jwtAlg === "HS256") ?? "",
    jwtPrivateKey: readPrivateKey(env, jwtAlg),
    jwtIssuer: env.ASSAY_JWT_ISSUER || "assay-agent-api",
    jwtAudience: env.ASSAY_JWT_AUDIENCE || "assay",
    adminToken: readSecret(env, "ASSAY_ADMIN_TOKEN", false),
    llmUrl: llmUrlSet ?? DEFAULT_LLM_URL,
    llmMock: mock === "1",
    llmTimeoutMs: readInteger(env, "ASSAY_LLM_TIMEOUT_MS", 5000, 1, 600_000),
    consoleDir: env.ASSAY_CONSOLE_DIR ? path.resolve(env.ASSAY_CONSOLE_DIR) : DEFAULT_CONSOLE_DIR,
    corsOrigins: readOrigins(env, "ASSAY_CORS_ORIGINS"),
    logLevel: readChoice(env, "LOG_LEVEL", LOG_LEVELS, "info"),
    mcpSessionIdleMs: readInteger(env, "ASSAY_MCP_SESSION_IDLE_SECONDS", 1800, 1, 86_400) * 1000,
    publicUrl: readOrigin(env, "ASSAY_PUBLIC_URL"),
    oauthCleanupMs: readInteger(env, "ASSAY_OAUTH_CLEANUP_SECONDS", 60, 1, 86_400) * 1000,
    dbDir: env.ASSAY_DB_DIR ? path.resolve(env.ASSAY_DB_DIR) : undefined,
    instanceId: readInstanceId(env, port),
    logFile: env.ASSAY_SERVICE_LOG ? path.resolve(env.ASSAY_SERVICE_LOG) : undefined,
    ...readResilience(env),
  };
}

function readOptionalInteger(env: Env, name: string, min: number, max: number): number | undefined {
  const raw = env[name];
  return raw === undefined || raw === "" ? undefined : readInteger(env, name, min, min, max);
}

// A port of 0 is a different port at every start: no later process can be the same instance.
function readInstanceId(env: Env, port: number): string {
  const raw = env.ASSAY_INSTANCE_ID;
  if (raw === undefined || raw === "")
    return port === 0 ? `${os.hostname()}:0:${randomUUID()}` : `${os.hostname()}:${port}`;
  if (!/^[\x21-\x7e]{1,200}$/.test(raw))
    throw new ConfigError("ASSAY_INSTANCE_ID", "must be 1–200 printable characters without spaces.");
  return raw;
}

function readResilience(env: Env) {
  const tlsPort = readOptionalInteger(env, "ASSAY_TLS_PORT", 0, 65535);
  const tlsCertFile = env.ASSAY_TLS_CERT ? path.resolve(env.ASSAY_TLS_CERT) : undefined;
  const tlsKeyFile = env.ASSAY_TLS_KEY ? path.resolve(env.ASSAY_TLS_KEY) : undefined;
  if ((tlsCertFile === undefined) !== (tlsKeyFile === undefined))
    throw new ConfigError("ASSAY_TLS_CERT", "and ASSAY_TLS_KEY must be set together.");
  const httpsRedirect = readChoice(env, "ASSAY_HTTPS_REDIRECT", ["0", "1"], "0") === "1";
  if (httpsRedirect && tlsPort === undefined)
    throw new ConfigError("ASSAY_HTTPS_REDIRECT", "needs ASSAY_TLS_PORT.");
  return {
    dbPoolMax: readOptionalInteger(env, "ASSAY_DB_POOL_MAX", 1, 100),
    dbConnectTimeoutMs: readInteger(env, "ASSAY_DB_CONNECT_TIMEOUT_MS", 5000, 100, 60_000),
    dbQueryTimeoutMs: readInteger(env, "ASSAY_DB_QUERY_TIMEOUT_MS", 10_000, 100, 600_000),
    healthIntervalMs: readInteger(env, "ASSAY_HEALTH_INTERVAL_MS", 500, 50, 60_000),
    breakerFailures: readInteger(env, "ASSAY_BREAKER_FAILURES", 5, 1, 10_000),
    breakerOpenMs: readInteger(env, "ASSAY_BREAKER_OPEN_MS", 5000, 50, 600_000),
    memoryMaxAttempts: readInteger(env, "ASSAY_MEMORY_MAX_ATTEMPTS", 3, 1, 20),
    memoryRetryMs: readInteger(env, "ASSAY_MEMORY_RETRY_MS", 200, 10, 60_000),
    rateLimitPerMinute: readInteger(env, "ASSAY_RATE_LIMIT_PER_MINUTE", 100, 1, 100_000),
    tlsPort,
    tlsCertFile,
    tlsKeyFile,
    httpsRedirect,
  };
}

/**
 * The only reader of `process.env` in the service.
 * @example const config = loadConfig();
 */
export function loadConfig(): Config {
  return parseEnv(process.env);
}

/**
 * What the integration tests take from their own environment for the service they start: the
 * `PATH`, and `AGENT_API_TEST_DATABASE_URL` (a PostgreSQL to run on instead of an embedded one).
 * @example const { databaseUrl } = loadTestEnv();
 */
export function loadTestEnv(): { path: string | undefined; databaseUrl: string | undefined } {
  return { path: process.env.PATH, databaseUrl: process.env.AGENT_API_TEST_DATABASE_URL || undefined };
}

/**
 * The port a helper process (the embedded database or the mock upstream served on their own,
 * for @assay/chaos) listens on: `PORT`, default 0 (a free one); anything else stops it, exit 2.
 * @example const port = loadHelperPort();
 */
export function loadHelperPort(): number {
  const port = Number(process.env.PORT ?? "0");
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write("[agent-api] PORT must be an integer from 0 to 65535.\n");
    process.exit(2);
  }
  return port;
}
