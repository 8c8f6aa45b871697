import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type LogLine, readLogLines } from "./readLogLines.ts";
import { type NodeProcess, spawnNode } from "./spawnNode.ts";
import { type FaultProxy, startFaultProxy } from "./startFaultProxy.ts";

// The reference backend and its dependencies, started as processes (never imported).
const AGENT_API = path.resolve(import.meta.dirname, "../../../apps/agent-api/src");
const SCRIPTS = {
  service: path.join(AGENT_API, "main.ts"),
  database: path.join(AGENT_API, "db/serveEmbeddedDatabase.ts"),
  upstream: path.join(AGENT_API, "upstream/serveMockUpstream.ts"),
};

/** A private agent-api with a fault proxy in front of its database and of its upstream LLM. */
export interface ChaosStack {
  baseURL: string;
  wsURL: string;
  /** The HTTPS origin, when the stack was started with `ASSAY_TLS_PORT`. */
  tlsURL: string | undefined;
  /** The stack's own test-support token (never the run's). */
  adminToken: string;
  /** The proxy between the service and its database. */
  db: FaultProxy;
  /** The proxy between the service and the upstream LLM (the mock, served over HTTP). */
  llm: FaultProxy;
  /** The service's pool size as configured (1 on the embedded database). */
  poolMax: number;
  /** Every log line the service wrote so far (across restarts), parsed. */
  logs(): Promise<LogLine[]>;
  /**
   * Brings the stack back to normal after a test: removes every proxy fault, waits until
   * `/health` says healthy with a closed breaker, and restarts the service when it does not get
   * there by itself (a process-wide fault such as `no_reconnect` left it down).
   */
  heal(): Promise<void>;
  /** The end of the service's stderr (a crash says why there). */
  stderr(): string;
  /** Stops the service (SIGTERM) and starts it again on the same port; the database stays. */
  restart(): Promise<{ downMs: number }>;
  stop(): Promise<void>;
}

export type ChaosStackOptions = {
  /** A PostgreSQL to use instead of a fresh embedded database (the run's `DATABASE_URL`). */
  databaseUrl?: string;
  /** Extra variables for the service (breaker threshold, timeouts, TLS, …). */
  env?: Record<string, string>;
};

function serviceEnv(
  stack: { port: number; databaseUrl: string; llmPort: number; logFile: string; poolMax?: number },
  secrets: { admin: string; jwt: string },
  extra: Record<string, string>,
): Record<string, string> {
  return {
    PORT: String(stack.port),
    HOST: "127.0.0.1",
    DATABASE_URL: stack.databaseUrl,
    ...(stack.poolMax === undefined ? {} : { ASSAY_DB_POOL_MAX: String(stack.poolMax) }),
    ASSAY_JWT_SECRET: secrets.jwt,
    ASSAY_ADMIN_TOKEN: secrets.admin,
    ASSAY_LLM_URL: `http://127.0.0.1:${stack.llmPort}/v1/chat/completions`,
    ASSAY_LLM_MOCK: "0",
    ASSAY_LLM_TIMEOUT_MS: "1000",
    ASSAY_SERVICE_LOG: stack.logFile,
    LOG_LEVEL: "info",
    ASSAY_HEALTH_INTERVAL_MS: "250",
    ASSAY_DB_CONNECT_TIMEOUT_MS: "2000",
    ASSAY_DB_QUERY_TIMEOUT_MS: "3000",
    ...extra,
  };
}

async function becomesHealthy(baseURL: string, withinMs: number): Promise<boolean> {
  const deadline = performance.now() + withinMs;
  while (performance.now() < deadline) {
    try {
      const response = await fetch(`${baseURL}/health`, { signal: AbortSignal.timeout(2000) });
      const body = (await response.json()) as { status?: string; circuit_breaker?: string };
      if (body.status === "healthy" && body.circuit_breaker === "closed") return true;
    } catch {
      // Not answering yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/**
 * Boots a private stack for one test: an embedded database in a process of its own (or the run's
 * PostgreSQL), the mock upstream LLM over HTTP, a fault proxy in front of each, and agent-api
 * pointed at the proxies. Its log goes to a file outside the report folders (a fault test may
 * plant a token there on purpose), removed by `stop()`.
 * @example const stack = await startChaosStack(); stack.db.cut(); …; await stack.stop();
 */
export async function startChaosStack(options: ChaosStackOptions = {}): Promise<ChaosStack> {
  const dir = mkdtempSync(path.join(tmpdir(), "assay-chaos-"));
  const logFile = path.join(dir, "service.log");
  const secrets = { admin: randomBytes(32).toString("hex"), jwt: randomBytes(32).toString("hex") };
  const started: Array<{ stop: () => Promise<unknown> }> = [];
  try {
    let databaseUrl: string;
    let poolMax: number | undefined;
    let db: FaultProxy;
    if (options.databaseUrl === undefined) {
      const database = await spawnNode(SCRIPTS.database, { PORT: "0" });
      started.push(database);
      db = await startFaultProxy({ upstream: { host: "127.0.0.1", port: database.port } });
      databaseUrl = `postgres://postgres@127.0.0.1:${db.port}/postgres`;
      // PGlite is one session: one connection (docs/decisions/0005).
      poolMax = 1;
    } else {
      const url = new URL(options.databaseUrl);
      db = await startFaultProxy({ upstream: { host: url.hostname, port: Number(url.port || 5432) } });
      url.hostname = "127.0.0.1";
      url.port = String(db.port);
      databaseUrl = url.toString();
    }
    started.push({ stop: () => db.close() });
    const upstream = await spawnNode(SCRIPTS.upstream, { PORT: "0" });
    started.push(upstream);
    const llm = await startFaultProxy({ upstream: { host: "127.0.0.1", port: upstream.port } });
    started.push({ stop: () => llm.close() });
    const layout = { port: 0, databaseUrl, llmPort: llm.port, logFile, poolMax };
    let extraEnv = options.env ?? {};
    const boot = async (): Promise<NodeProcess & { port: number }> => {
      const before = (await readLogLines(logFile)).lines.length;
      return spawnNode(SCRIPTS.service, serviceEnv(layout, secrets, extraEnv), {
        readyWhen: async () => {
          const { lines } = await readLogLines(logFile);
          const listening = lines.slice(before).find((line) => line.event === "listening");
          return typeof listening?.port === "number" ? listening.port : null;
        },
      });
    };
    let service = await boot();
    layout.port = service.port;
    const tlsLine = (await readLogLines(logFile)).lines.find((line) => line.event === "tls_listening");
    const tlsURL = typeof tlsLine?.port === "number" ? `https://127.0.0.1:${tlsLine.port}` : undefined;
    // A restart must find the HTTPS listener where it was.
    if (tlsLine !== undefined) extraEnv = { ...extraEnv, ASSAY_TLS_PORT: String(tlsLine.port) };
    const baseURL = `http://127.0.0.1:${service.port}`;
    let stopped = false;
    const stack: ChaosStack = {
      baseURL,
      wsURL: `ws://127.0.0.1:${service.port}/v1/ws`,
      tlsURL,
      adminToken: secrets.admin,
      db,
      llm,
      poolMax: poolMax ?? 10,
      logs: async () => (await readLogLines(logFile)).lines,
      stderr: () => service.stderr(),
      async heal() {
        await db.reset();
        await llm.reset();
        if (await becomesHealthy(baseURL, 6000)) return;
        await stack.restart();
        if (!(await becomesHealthy(baseURL, 15_000)))
          throw new Error("[assay/chaos] the stack's service is not healthy even after a restart");
      },
      async restart() {
        const down = performance.now();
        const code = await service.stop();
        if (code !== 0) throw new Error(`[assay/chaos] agent-api exited with ${code} on SIGTERM`);
        service = await boot();
        return { downMs: Math.round(performance.now() - down) };
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        const errors: string[] = [];
        for (const part of [service, ...started].reverse()) {
          await part.stop().catch((error: unknown) => errors.push((error as Error).message));
        }
        rmSync(dir, { recursive: true, force: true });
        if (errors.length > 0) throw new Error(`[assay/chaos] stopping the stack: ${errors.join("; ")}`);
      },
    };
    return stack;
  } catch (error) {
    for (const part of started.reverse()) await part.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
