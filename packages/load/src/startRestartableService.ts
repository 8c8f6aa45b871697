import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { readLoadEnv } from "./env.ts";
import type { LoadTarget } from "./runLoad.ts";

const ROOT = join(import.meta.dirname, "..", "..", "..");

/** A reference backend the crash scenario owns, so it can kill it and start it again. */
export type RestartableService = {
  target: LoadTarget;
  /**
   * Stops the service with `signal` and starts it again on the same port and database, as the
   * same instance (`ASSAY_INSTANCE_ID`), so it ends what its killed process left running;
   * `asNewInstance` starts it under another id, which leaves those runs to nobody.
   */
  restart(signal: "SIGTERM" | "SIGKILL", options?: { asNewInstance?: boolean }): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Boots apps/agent-api (as `localService` does, over the network only) on `port`, on a real
 * PostgreSQL database provisioned for it: the embedded database lives in the process and would
 * die with it, and a restart must find the users and runs again. Local targets only.
 *
 * @example
 * const service = await startRestartableService({ port: 4571, adminUrl: "postgres://postgres@127.0.0.1:5432/postgres" });
 * await service.restart("SIGTERM");
 */
export async function startRestartableService(options: {
  port: number;
  adminUrl: string;
}): Promise<RestartableService> {
  const provision = spawnSync(
    process.execPath,
    [join(ROOT, "apps/agent-api/src/provisionDatabase.ts"), options.adminUrl, "assay_load", "assay_load"],
    { encoding: "utf8" },
  );
  if (provision.status !== 0)
    throw new Error(
      `[assay/load] the crash scenario needs a PostgreSQL it can provision a database on (ASSAY_LOAD_PG_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/postgres): ${provision.stderr.trim().split("\n")[0]}`,
    );
  const databaseUrl = provision.stdout.trim();
  const adminToken = randomBytes(32).toString("hex");
  const env = {
    PATH: readLoadEnv().PATH ?? "",
    PORT: String(options.port),
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    ASSAY_ADMIN_TOKEN: adminToken,
    ASSAY_JWT_SECRET: randomBytes(32).toString("hex"),
    ASSAY_LLM_TIMEOUT_MS: "1500",
    LOG_LEVEL: "error",
  };
  const baseURL = `http://127.0.0.1:${options.port}`;
  // Something else answering on the port would pass for the service (and refuse its tokens).
  const taken = await fetch(`${baseURL}/health`).then(
    () => true,
    () => false,
  );
  if (taken)
    throw new Error(
      `[assay/load] port ${options.port} is already in use: set ASSAY_LOAD_SERVICE_PORT to a free port.`,
    );
  let child: ChildProcess | undefined;
  let instance = 1;
  const boot = async () => {
    child = spawn(process.execPath, [join(ROOT, "apps/agent-api/src/main.ts")], {
      env: { ...env, ASSAY_INSTANCE_ID: `assay-load-${options.port}-${instance}` },
      stdio: "ignore",
    });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`[assay/load] the service exited with ${child.exitCode} while starting`);
      try {
        if ((await fetch(`${baseURL}/health`)).status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`[assay/load] the service did not answer ${baseURL}/health within 30 s`);
  };
  const kill = async (signal: "SIGTERM" | "SIGKILL") => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = once(running, "exit");
    running.kill(signal);
    await exited;
  };
  await boot();
  return {
    target: { kind: "local", baseURL, wsURL: `${baseURL.replace("http", "ws")}/v1/ws`, adminToken },
    async restart(signal, restartOptions) {
      await kill(signal);
      if (restartOptions?.asNewInstance) instance += 1;
      await boot();
    },
    stop: () => kill("SIGTERM"),
  };
}
