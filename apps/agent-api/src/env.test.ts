import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { test } from "node:test";
import { ConfigError, parseEnv } from "./env.ts";

const SECRET = "s".repeat(32);

// Fails when a default drifts from the README's variable table.
test("defaults follow the README", () => {
  const config = parseEnv({ ASSAY_JWT_SECRET: SECRET });
  assert.equal(config.port, 4310);
  assert.equal(config.host, "127.0.0.1");
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.llmMock, true);
  assert.equal(config.llmTimeoutMs, 5000);
  assert.equal(config.jwtIssuer, "assay-agent-api");
  assert.equal(config.jwtAudience, "assay");
  assert.equal(config.adminToken, undefined);
  assert.equal(config.jwtAlg, "HS256");
  assert.equal(config.jwtPrivateKey, undefined);
  assert.match(config.consoleDir, /apps[/\\]console[/\\]public$/);
  assert.deepEqual(config.corsOrigins, []);
});

// Fails when listed origins are misread (spaces kept, order lost).
test("ASSAY_CORS_ORIGINS lists exact origins, spaces around commas allowed", () => {
  const origins = "https://console.example.com, http://127.0.0.1:5173";
  assert.deepEqual(parseEnv({ ASSAY_JWT_SECRET: SECRET, ASSAY_CORS_ORIGINS: origins }).corsOrigins, [
    "https://console.example.com",
    "http://127.0.0.1:5173",
  ]);
});

// Fails when a real upstream URL still gets the mock, or ASSAY_LLM_MOCK=1 is ignored.
test("setting ASSAY_LLM_URL turns the mock off unless ASSAY_LLM_MOCK=1", () => {
  const url = "http://127.0.0.1:9/v1/chat/completions";
  assert.equal(parseEnv({ ASSAY_JWT_SECRET: SECRET, ASSAY_LLM_URL: url }).llmMock, false);
  assert.equal(parseEnv({ ASSAY_JWT_SECRET: SECRET, ASSAY_LLM_URL: url, ASSAY_LLM_MOCK: "1" }).llmMock, true);
});

// Fails when RS256 demands an HMAC secret or a one-line PEM is not unfolded.
test("RS256 needs no secret and takes a PEM, also squeezed onto one line with \\n", () => {
  assert.equal(parseEnv({ ASSAY_JWT_ALG: "RS256" }).jwtSecret, "");
  const pem = generateKeyPairSync("rsa", { modulusLength: 2048 })
    .privateKey.export({ format: "pem", type: "pkcs8" })
    .toString();
  assert.equal(parseEnv({ ASSAY_JWT_ALG: "RS256", ASSAY_JWT_PRIVATE_KEY: pem }).jwtPrivateKey, pem);
  const oneLine = pem.replaceAll("\n", "\\n");
  assert.equal(parseEnv({ ASSAY_JWT_ALG: "RS256", ASSAY_JWT_PRIVATE_KEY: oneLine }).jwtPrivateKey, pem);
});

const SMALL_KEY = generateKeyPairSync("rsa", { modulusLength: 1024 })
  .privateKey.export({ format: "pem", type: "pkcs8" })
  .toString();
const EC_KEY = generateKeyPairSync("ec", { namedCurve: "P-256" })
  .privateKey.export({ format: "pem", type: "pkcs8" })
  .toString();
const PEM_PROBLEM =
  "[agent-api] ASSAY_JWT_PRIVATE_KEY must be an RSA private key of at least 2048 bits in PEM.";

const BAD: Array<[Record<string, string>, string]> = [
  [
    { ASSAY_JWT_SECRET: SECRET, ASSAY_JWT_ALG: "none" },
    "[agent-api] ASSAY_JWT_ALG must be one of HS256, RS256.",
  ],
  [
    { ASSAY_JWT_SECRET: SECRET, ASSAY_JWT_PRIVATE_KEY: "x" },
    "[agent-api] ASSAY_JWT_PRIVATE_KEY is only read with ASSAY_JWT_ALG=RS256.",
  ],
  [{ ASSAY_JWT_ALG: "RS256", ASSAY_JWT_PRIVATE_KEY: "not a pem" }, PEM_PROBLEM],
  [{ ASSAY_JWT_ALG: "RS256", ASSAY_JWT_PRIVATE_KEY: SMALL_KEY }, PEM_PROBLEM],
  [{ ASSAY_JWT_ALG: "RS256", ASSAY_JWT_PRIVATE_KEY: EC_KEY }, PEM_PROBLEM],
  [{}, "[agent-api] ASSAY_JWT_SECRET must be set to a secret of at least 32 characters."],
  [{ ASSAY_JWT_SECRET: "short" }, "[agent-api] ASSAY_JWT_SECRET must be at least 32 characters long."],
  [
    { ASSAY_JWT_SECRET: SECRET, PORT: "http" },
    '[agent-api] PORT must be an integer from 0 to 65535 (got "http").',
  ],
  [
    { ASSAY_JWT_SECRET: SECRET, PORT: "70000" },
    '[agent-api] PORT must be an integer from 0 to 65535 (got "70000").',
  ],
  [
    { ASSAY_JWT_SECRET: SECRET, DATABASE_URL: "mysql://x" },
    "[agent-api] DATABASE_URL must be a URL starting with postgres:// or postgresql://.",
  ],
  [
    { ASSAY_JWT_SECRET: SECRET, ASSAY_ADMIN_TOKEN: "x" },
    "[agent-api] ASSAY_ADMIN_TOKEN must be at least 32 characters long.",
  ],
  [{ ASSAY_JWT_SECRET: SECRET, ASSAY_LLM_MOCK: "yes" }, "[agent-api] ASSAY_LLM_MOCK must be one of 0, 1."],
  [
    { ASSAY_JWT_SECRET: SECRET, LOG_LEVEL: "loud" },
    "[agent-api] LOG_LEVEL must be one of debug, info, warn, error.",
  ],
  [
    { ASSAY_JWT_SECRET: SECRET, ASSAY_CORS_ORIGINS: "*" },
    '[agent-api] ASSAY_CORS_ORIGINS must be a comma-separated list of origins like https://console.example.com (got "*").',
  ],
  [
    { ASSAY_JWT_SECRET: SECRET, ASSAY_CORS_ORIGINS: "https://console.example.com/" },
    '[agent-api] ASSAY_CORS_ORIGINS must be a comma-separated list of origins like https://console.example.com (got "https://console.example.com/").',
  ],
  [
    { ASSAY_JWT_SECRET: SECRET, ASSAY_LLM_TIMEOUT_MS: "0" },
    '[agent-api] ASSAY_LLM_TIMEOUT_MS must be an integer from 1 to 600000 (got "0").',
  ],
];

for (const [env, message] of BAD) {
  const label = JSON.stringify(env)
    .replaceAll(SECRET, "<secret>")
    .replace(/-----BEGIN.*?KEY-----.*?"/, '<pem>"');
  // Fails when a bad variable starts the service, or its one-line message does not name it.
  test(`refuses ${label.slice(0, 120)}`, () => {
    assert.throws(
      () => parseEnv(env),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.message, message);
        return true;
      },
    );
  });
}

test("OAuth settings: the public origin, the cleanup interval and the embedded database's directory", () => {
  const defaults = parseEnv({ ASSAY_JWT_SECRET: SECRET });
  assert.equal(defaults.publicUrl, undefined);
  assert.equal(defaults.oauthCleanupMs, 60_000);
  assert.equal(defaults.dbDir, undefined);
  const set = parseEnv({
    ASSAY_JWT_SECRET: SECRET,
    ASSAY_PUBLIC_URL: "https://API.example.com/",
    ASSAY_OAUTH_CLEANUP_SECONDS: "2",
    ASSAY_DB_DIR: "tmp/db",
  });
  assert.equal(set.publicUrl, "https://api.example.com");
  assert.equal(set.oauthCleanupMs, 2000);
  assert.match(set.dbDir ?? "", /tmp[/\\]db$/);
  for (const bad of [
    "https://api.example.com/v1",
    "https://api.example.com?x=1",
    "https://u@api.example.com",
    "ftp://x",
  ]) {
    assert.throws(
      () => parseEnv({ ASSAY_JWT_SECRET: SECRET, ASSAY_PUBLIC_URL: bad }),
      (error: Error) =>
        error instanceof ConfigError && error.message.startsWith("[agent-api] ASSAY_PUBLIC_URL "),
      bad,
    );
  }
  assert.throws(
    () => parseEnv({ ASSAY_JWT_SECRET: SECRET, ASSAY_OAUTH_CLEANUP_SECONDS: "0" }),
    /ASSAY_OAUTH_CLEANUP_SECONDS must be an integer from 1 to 86400/,
  );
});
