// The publishable packages as a team gets them: built, packed, installed from their tarballs into
// a project outside the workspace, imported by plain Node (no type stripping in node_modules),
// typechecked by tsc, and the example consumer's spec run against the reference backend.
// `pnpm test:packed`; figures (time, tarball sizes) are printed as diagnostics.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import {
  buildPackages,
  consumerEnv,
  installConsumer,
  libraryPackages,
  type Packed,
  packPackages,
  ROOT,
  run,
  type WorkspacePackage,
} from "./packPackages.ts";

/** What a team installs. Apps, bench and the packages only this repo's suites use stay private. */
const PUBLISHABLE = [
  "@assay/auth",
  "@assay/contracts",
  "@assay/fixtures",
  "@assay/gate",
  "@assay/isolation",
  "@assay/load",
  "@assay/mcp",
  "@assay/oauth",
  "@assay/test",
  "@assay/ws",
];

/**
 * Per package: an ESM snippet run by plain Node in the consumer project. It imports every entry
 * point and makes a call that needs the package's shipped data (schemas, contracts, scenarios).
 */
const ENTRY_CHECKS: Record<string, string> = {
  "@assay/contracts": `
    import { contracts, loadContracts, toMatchContract } from "@assay/contracts";
    import CoverageReporter from "@assay/contracts/reporter";
    const health = { status: "healthy", database_status: "connected", circuit_breaker: "closed", uptime_seconds: 1, version: "1.0.0",
      connection_pool: { max: 10, total: 1, idle: 1, waiting: 0, utilization_percent: 0 } };
    assert.equal(contracts.validate("http/health.v1", health).valid, true, "a good health body is refused");
    assert.equal(contracts.validate("http/health.v1", { ...health, circuit_breaker: "melted" }).valid, false, "a bad health body passes");
    assert.equal(typeof toMatchContract, "function");
    assert.equal(typeof CoverageReporter, "function");
    const kinds = new Set(loadContracts(new URL("./node_modules/@assay/contracts", import.meta.url).pathname).map((c) => c.id.split("/")[0]));
    assert.deepEqual([...kinds].sort(), ["defs", "http", "logs", "mcp", "ws"]);`,
  "@assay/ws": `
    import { checkRunGrammar, createWsClient, wsExpect, wsTest } from "@assay/ws";
    const event = (type, seq, extra = {}) => ({ seq, at: seq, size: 0, data: { type, run_id: "r1", conversation_id: "c1", seq, ts: new Date(seq).toISOString(), ...extra } });
    const good = [event("agent_started", 1), event("agent_thinking", 2, { content: "…" }), event("agent_completed", 3, { result: "ok" })];
    assert.deepEqual(checkRunGrammar(good).problems, []);
    const bad = [event("agent_started", 1), event("agent_completed", 2, { result: "ok" }), event("agent_thinking", 3, { content: "…" })];
    assert.equal(checkRunGrammar(bad).ok, false, "an event after the terminal one passes");
    for (const f of [createWsClient, wsExpect, wsTest.extend]) assert.equal(typeof f, "function");
    const { wsEventsAsyncApi } = await import("@assay/ws/asyncapi");
    const asyncApi = wsEventsAsyncApi();
    assert.equal(asyncApi.asyncapi, "3.0.0");
    assert.ok(Object.keys(asyncApi.components.messages).includes("agent_started"), "the AsyncAPI document lost the contracts it reads");`,
  "@assay/auth": `
    import { buildAttackCatalog, decodeSegment, probeCors } from "@assay/auth";
    assert.deepEqual(decodeSegment(Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")), { alg: "none" });
    for (const f of [buildAttackCatalog, probeCors]) assert.equal(typeof f, "function");`,
  "@assay/fixtures": `
    import { resolveTarget, TargetError, fixturesTest } from "@assay/fixtures";
    import SecretScan from "@assay/fixtures/secret-scan";
    import NoTests from "@assay/fixtures/no-tests";
    import { testSupportOpenApi } from "@assay/fixtures/openapi";
    assert.throws(() => resolveTarget({ ASSAY_TARGET: "staging" }), (e) => e instanceof TargetError && /ASSAY_BASE_URL/.test(e.message));
    assert.match(testSupportOpenApi().openapi, /^3\\.1/);
    for (const f of [SecretScan, NoTests, fixturesTest.extend]) assert.equal(typeof f, "function");`,
  "@assay/isolation": `
    import { createLeakOracle, findCanaryLeaks } from "@assay/isolation";
    const oracle = createLeakOracle({ runId: "packed" });
    const canary = oracle.canary("alice");
    oracle.record("bob", "GET /v1/things", JSON.stringify({ name: canary }));
    assert.equal(oracle.check().leaks.length, 1, "bob receiving alice's canary is not a leak");
    assert.equal(typeof findCanaryLeaks, "function");`,
  "@assay/gate": `
    import { createJsonCheck, runGate } from "@assay/gate";
    for (const f of [createJsonCheck, runGate]) assert.equal(typeof f, "function");`,
  "@assay/test": `
    import { expect, test } from "@assay/test";
    assert.equal(typeof expect({}).toMatchContract, "function");
    assert.equal(typeof expect({}).toFollowRunGrammar, "function");
    assert.equal(typeof test.extend, "function");`,
  "@assay/mcp": `
    import { countTokens, createSseParser, PROTOCOL_RULES } from "@assay/mcp";
    import { expect } from "@assay/mcp/test";
    import { main } from "@assay/mcp/cli";
    import { judgeMatrixFile } from "@assay/mcp/gate";
    assert.ok((await countTokens("hello world")) > 0);
    assert.ok(Object.keys(PROTOCOL_RULES).length > 0);
    assert.equal(typeof expect({}).toFitTokenBudget, "function");
    for (const f of [createSseParser, main, judgeMatrixFile]) assert.equal(typeof f, "function");`,
  "@assay/oauth": `
    import { createPkce, parseWwwAuthenticate } from "@assay/oauth";
    import { resolveOauthTarget, OauthConfigError } from "@assay/oauth/target";
    const pkce = createPkce();
    assert.match(pkce.challenge, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(typeof parseWwwAuthenticate, "function");
    assert.throws(() => resolveOauthTarget({ ASSAY_MCP_URL: "not a url" }, "http://127.0.0.1:1"), OauthConfigError);`,
  "@assay/load": `
    import { judgeLoad, loadScenarioFile, readLoadEnv } from "@assay/load";
    import LoadReporter from "@assay/load/reporter";
    assert.ok(existsSync(loadScenarioFile(readLoadEnv())), "the default scenario is not shipped");
    for (const f of [judgeLoad, LoadReporter]) assert.equal(typeof f, "function");`,
};

/** Each command a package installs, and what its usage line starts with. */
const BINS: Record<string, [string, string, ...string[]]> = {
  assay: ["@assay/fixtures", "usage: assay sweep"],
  // @assay/mcp is the project's dependency, not @assay/fixtures': `assay mcp` finds it there.
  "assay mcp": ["@assay/fixtures", "usage: assay mcp", "mcp"],
  "assay-gate": ["@assay/gate", "usage: assay-gate"],
  "assay-mcp": ["@assay/mcp", "usage: assay mcp"],
  "assay-load": ["@assay/load", "usage: assay-load"],
};

/**
 * Compiled with the example's tsconfig: every entry point resolves to its .d.ts, and the
 * `@ts-expect-error` lines fail the check if a type degraded to `any`.
 */
const TYPES_FILE = `import { contracts, type ContractRegistry } from "@assay/contracts";
import type CoverageReporter from "@assay/contracts/reporter";
import { buildAttackCatalog } from "@assay/auth";
import { resolveTarget, type Target } from "@assay/fixtures";
import type SecretScan from "@assay/fixtures/secret-scan";
import type NoTests from "@assay/fixtures/no-tests";
import { testSupportOpenApi } from "@assay/fixtures/openapi";
import { createJsonCheck } from "@assay/gate";
import { createLeakOracle } from "@assay/isolation";
import { judgeLoad } from "@assay/load";
import type LoadReporter from "@assay/load/reporter";
import { countTokens } from "@assay/mcp";
import { main as mcpMain } from "@assay/mcp/cli";
import { judgeMatrixFile } from "@assay/mcp/gate";
import { expect as mcpExpect, test as mcpTest } from "@assay/mcp/test";
import { createPkce } from "@assay/oauth";
import { resolveOauthTarget } from "@assay/oauth/target";
import { expect, test } from "@assay/test";
import { checkRunGrammar, type Frame } from "@assay/ws";

export const registry: ContractRegistry = contracts;
export const valid: boolean = contracts.validate("http/health.v1", {}).valid;
// @ts-expect-error validate answers an object, not a boolean
export const wrong: boolean = contracts.validate("http/health.v1", {});
export const target: (env: Record<string, string>) => Target = resolveTarget;
// @ts-expect-error a target's baseURL is a string
export const port: number = resolveTarget({}).baseURL;
export const frames: Frame[] = [];
export const ok: boolean = checkRunGrammar(frames).ok;
// @ts-expect-error the oracle's canary takes the owner's name
createLeakOracle().canary(1);
// @ts-expect-error countTokens counts a string
await countTokens(42);
export const used = [buildAttackCatalog, testSupportOpenApi, createJsonCheck, judgeLoad, mcpMain,
  judgeMatrixFile, createPkce, resolveOauthTarget] as const;
export type Reporters = [CoverageReporter, SecretScan, NoTests, LoadReporter];
test("types", async ({ users }) => {
  const user = await users.create();
  await expect(await user.api.get("/health")).toMatchContract("http/health.v1");
  // @ts-expect-error toMatchContract takes a contract id
  await expect({}).toMatchContract(1);
});
mcpTest("mcp types", async () => {
  await mcpExpect({ content: [] }).toFitTokenBudget(100);
});
`;

const started = Date.now();
let work: string;
let consumer: string;
let packed: Packed[];
let publishable: WorkspacePackage[];
let install: { code: number | null; output: string };
/** Seconds each step of `before` took, printed by the first test. */
const took: Record<string, number> = {};
const since = (from: number) => Math.round((Date.now() - from) / 100) / 10;

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), "assay-packed-"));
  consumer = path.join(work, "consumer");
  publishable = libraryPackages().filter((p) => !p.manifest.private);
  let step = Date.now();
  const build = await buildPackages(publishable.map((p) => p.name));
  assert.equal(build.code, 0, `the build failed:\n${build.output}`);
  took.build = since(step);
  step = Date.now();
  packed = await packPackages(publishable, path.join(work, "tarballs"));
  took.pack = since(step);
  const checks = Object.fromEntries(
    Object.entries(ENTRY_CHECKS).map(([name, body]) => [
      `check-${name.replace("@assay/", "")}.mjs`,
      `import assert from "node:assert/strict";\nimport { existsSync } from "node:fs";\n${body.trim()}\n`,
    ]),
  );
  step = Date.now();
  install = await installConsumer(consumer, packed, { ...checks, "entryPoints.ts": TYPES_FILE });
  took.install = since(step);
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the packed packages", () => {
  it("are exactly the libraries a team installs, each with its release fields", (t) => {
    t.diagnostic(`build ${took.build} s, pack ${took.pack} s, install ${took.install} s`);
    assert.deepEqual(publishable.map((p) => p.name).sort(), PUBLISHABLE);
    const names = new Set(PUBLISHABLE);
    for (const { name, manifest } of publishable) {
      assert.ok(manifest.description, `${name}: no description`);
      assert.equal(manifest.engines?.node, ">=22.12", `${name}: engines.node`);
      assert.ok(manifest.files?.includes("dist"), `${name}: files does not list dist`);
      assert.deepEqual(
        Object.keys(manifest.publishConfig?.exports ?? {}),
        Object.keys(manifest.exports ?? {}),
        `${name}: publishConfig.exports must list every entry point`,
      );
      assert.deepEqual(Object.keys(manifest.publishConfig?.bin ?? {}), Object.keys(manifest.bin ?? {}));
      // Every entry point is imported below, or run as the command it is.
      const bins = Object.values(manifest.publishConfig?.bin ?? {});
      for (const [sub, target] of Object.entries(manifest.publishConfig?.exports ?? {})) {
        const specifier = sub === "." ? name : `${name}${sub.slice(1)}`;
        const checked = ENTRY_CHECKS[name]?.includes(`"${specifier}"`) || bins.includes(target.default);
        assert.ok(checked, `${specifier} is neither imported by ENTRY_CHECKS nor a command`);
      }
      // A published package cannot depend on one that is never published.
      for (const dep of Object.keys(manifest.dependencies ?? {}))
        if (dep.startsWith("@assay/")) assert.ok(names.has(dep), `${name} depends on unpublished ${dep}`);
    }
  });

  it("pack into tarballs pointing at dist/, with workspace: and catalog: versions resolved", async (t) => {
    for (const { name, tarball, bytes } of packed) {
      t.diagnostic(`${name}: ${(bytes / 1024).toFixed(1)} KiB`);
      const listed = await run("tar", ["-xzOf", tarball, "package/package.json"], { cwd: work });
      const manifest = JSON.parse(listed.output);
      const deps = JSON.stringify({ ...manifest.dependencies, ...manifest.peerDependencies });
      assert.doesNotMatch(deps, /workspace:|catalog:/, `${name}: unresolved versions in ${deps}`);
      assert.doesNotMatch(
        JSON.stringify(manifest.exports),
        /(?<!\.d)\.ts"/,
        `${name}: exports point at TypeScript`,
      );
      assert.equal(manifest.private, undefined, `${name} is private`);
    }
    const total = packed.reduce((sum, p) => sum + p.bytes, 0);
    t.diagnostic(`${packed.length} tarballs, ${(total / 1024).toFixed(1)} KiB in all`);
  });

  it("install into a project outside the workspace", () => {
    assert.equal(install.code, 0, `pnpm install failed:\n${install.output}`);
    for (const name of PUBLISHABLE) assert.ok(existsSync(path.join(consumer, "node_modules", name, "dist")));
  });

  for (const [name, body] of Object.entries(ENTRY_CHECKS)) {
    it(`${name}: every entry point imports with plain Node and works`, async () => {
      assert.ok(body.includes(`"${name}"`));
      const file = `check-${name.replace("@assay/", "")}.mjs`;
      const result = await run(process.execPath, [file], { cwd: consumer, env: consumerEnv() });
      assert.equal(result.code, 0, result.output);
    });
  }

  // The check above fails on a package that lacks a data file it reads: shown on @assay/gate,
  // whose budgets schema is read when it is imported.
  it("an installed package missing a shipped file fails its entry-point check", async () => {
    const schemas = path.join(consumer, "node_modules/@assay/gate/schemas");
    const hidden = `${schemas}.hidden`;
    renameSync(schemas, hidden);
    try {
      const result = await run(process.execPath, ["check-gate.mjs"], { cwd: consumer, env: consumerEnv() });
      assert.notEqual(result.code, 0);
      assert.match(result.output, /ENOENT|schema/);
    } finally {
      renameSync(hidden, schemas);
    }
  });

  for (const [command, [pkg, usage, ...args]] of Object.entries(BINS)) {
    it(`${pkg}'s ${command} command runs from node_modules/.bin`, async () => {
      const bin = command.split(" ")[0] as string;
      const result = await run(path.join(consumer, "node_modules/.bin", bin), [...args, "--help"], {
        cwd: consumer,
        env: consumerEnv(),
      });
      assert.ok(result.output.includes(usage), `${bin} --help printed:\n${result.output}`);
      assert.ok(result.code === 0 || result.code === 2, `${bin} --help exited ${result.code}`);
    });
  }

  it("typecheck a consumer through their .d.ts, types not degraded to any", async () => {
    const result = await run(path.join(consumer, "node_modules/.bin/tsc"), ["--noEmit", "-p", "."], {
      cwd: consumer,
      env: consumerEnv(),
    });
    assert.equal(result.code, 0, result.output);
  });

  it("run the example consumer's spec against the reference backend", async (t) => {
    const port = await freePort();
    const adminToken = randomBytes(32).toString("hex");
    const service = await startReference(port, adminToken);
    try {
      const result = await run(path.join(consumer, "node_modules/.bin/playwright"), ["test"], {
        cwd: consumer,
        env: consumerEnv({
          ASSAY_TARGET: "staging",
          ASSAY_BASE_URL: `http://127.0.0.1:${port}`,
          ASSAY_ADMIN_TOKEN: adminToken,
        }),
        timeoutMs: 120_000,
      });
      assert.equal(result.code, 0, result.output);
      assert.match(result.output, /1 passed/);
      const coverage = JSON.parse(
        readFileSync(path.join(consumer, "reports/contract-coverage.json"), "utf8"),
      );
      assert.ok(
        JSON.stringify(coverage).includes("http/message-accepted.v1"),
        "coverage missed the contract used",
      );
    } finally {
      service.kill("SIGTERM");
    }
    t.diagnostic(`build, pack, install and checks: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/** The reference backend on its embedded database, as a separate instance a team's run would target. */
async function startReference(port: number, adminToken: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, "apps/agent-api/src/main.ts")], {
    cwd: ROOT,
    env: consumerEnv({
      PORT: String(port),
      HOST: "127.0.0.1",
      ASSAY_ADMIN_TOKEN: adminToken,
      ASSAY_JWT_SECRET: randomBytes(32).toString("hex"),
      LOG_LEVEL: "warn",
    }),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the reference backend exited ${child.exitCode}:\n${stderr}`);
    const healthy = await fetch(`http://127.0.0.1:${port}/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (healthy) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill("SIGTERM");
  throw new Error(`the reference backend did not answer /health within 60 s:\n${stderr}`);
}
