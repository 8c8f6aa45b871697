import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { localService, readEnv, type Target } from "@assay/fixtures";

/** An instance of the local service a test booted for itself: it can be restarted and its log read. */
export interface ServiceInstance {
  baseURL: string;
  mcpUrl: string;
  /** Its own test-support token (never print it). */
  adminToken: string;
  /** Every JSON line it wrote to stdout, over all its starts. */
  logs: Array<Record<string, unknown>>;
  /** Everything it wrote to stdout and stderr, over all its starts (for secret scans). */
  output(): string;
  /** Stops it (SIGTERM, a clean exit expected) and starts it again on the same port and database. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const BOOT_TIMEOUT_MS = 120_000;

/**
 * Boots another instance of the local service — the command Playwright's webServer runs — on a
 * free port, at `LOG_LEVEL=info` with its stdout captured, its own admin token and signing
 * secret. Its database is the run's kind: the run's PostgreSQL when the run has a `DATABASE_URL`,
 * else an embedded one kept in a directory of its own (`ASSAY_DB_DIR`), so that a restart finds
 * its data — as a real database outlives a restart of the service.
 *
 * @example
 * const instance = await startServiceInstance(target, { ASSAY_OAUTH_CLEANUP_SECONDS: "1" });
 * await instance.restart();
 * await instance.stop();
 */
export async function startServiceInstance(
  target: Target,
  extraEnv: Record<string, string> = {},
): Promise<ServiceInstance> {
  const service = localService({ ...target, kind: "local", baseURL: "http://127.0.0.1:0" }, {});
  if (service === undefined) throw new Error("[assay/oauth] no local service to boot");
  const dir =
    target.databaseUrl === undefined ? await mkdtemp(path.join(tmpdir(), "assay-instance-")) : undefined;
  const adminToken = randomBytes(32).toString("hex");
  const env: Record<string, string> = {
    PATH: readEnv().PATH ?? "",
    ...service.env,
    LOG_LEVEL: "info",
    ASSAY_ADMIN_TOKEN: adminToken,
    ASSAY_JWT_SECRET: randomBytes(32).toString("hex"),
    ...(dir === undefined ? {} : { ASSAY_DB_DIR: dir }),
    ...extraEnv,
  };
  const logs: Array<Record<string, unknown>> = [];
  let output = "";
  let child: ChildProcess | undefined;
  let port = 0;

  const boot = async (onPort: number) => {
    const started = spawn("/bin/sh", ["-c", `exec ${service.command}`], {
      env: { ...env, PORT: String(onPort) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = started;
    let pending = "";
    const listening = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`[assay/oauth] the instance did not listen within ${BOOT_TIMEOUT_MS / 1000} s`)),
        BOOT_TIMEOUT_MS,
      );
      started.once("exit", (code) => {
        clearTimeout(timer);
        reject(
          new Error(`[assay/oauth] the instance exited with ${code} before listening: ${output.slice(-500)}`),
        );
      });
      started.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        pending += chunk.toString();
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        for (const line of lines) {
          try {
            const entry = JSON.parse(line) as Record<string, unknown>;
            logs.push(entry);
            if (entry.event === "listening") {
              clearTimeout(timer);
              resolve(Number(entry.port));
            }
          } catch {
            // Not a log line: it stays in `output` for the scans.
          }
        }
      });
      started.stderr?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
    });
    port = await listening;
  };

  const halt = async () => {
    const running = child;
    if (running === undefined || running.exitCode !== null) return;
    running.removeAllListeners("exit");
    const exited = once(running, "exit");
    running.kill("SIGTERM");
    const [code] = await exited;
    if (code !== 0) throw new Error(`[assay/oauth] the instance exited with ${code} on SIGTERM`);
  };

  await boot(0);
  const baseURL = `http://127.0.0.1:${port}`;
  return {
    baseURL,
    mcpUrl: `${baseURL}/mcp`,
    adminToken,
    logs,
    output: () => output,
    async restart() {
      await halt();
      await boot(port);
    },
    async stop() {
      try {
        await halt();
      } finally {
        if (dir !== undefined) await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
