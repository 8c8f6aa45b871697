// `pnpm dev`: the reference backend for poking at by hand, with no variables to set. Development
// secrets come from a git-ignored 0600 file (generated on first use), a demo user is created,
// and one clickable line opens the console signed in as that user.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { loadDevSecrets } from "./devSecrets.ts";

const DEFAULT_PORT = "4300"; // not 4310: `pnpm test:e2e` boots its own backend there
const DEMO_EMAIL = "demo@assay.dev";
const DEMO_TAG = "assay:dev:demo";
const TOKEN_SECONDS = 3600;

// biome-ignore lint/style/noProcessEnv: the launcher hands its whole environment to the service, which parses it in env.ts
const env = process.env;
const fail = (line: string): never => {
  process.stderr.write(`[assay/dev] ${line}\n`);
  process.exit(2);
};

if (env.ASSAY_TARGET && env.ASSAY_TARGET !== "local") {
  fail(
    `ASSAY_TARGET=${env.ASSAY_TARGET}: pnpm dev only runs the local reference backend with development secrets; unset ASSAY_TARGET to use it.`,
  );
}
const repo = path.resolve(import.meta.dirname, "../../..");
const secretsFile = path.resolve(env.ASSAY_DEV_SECRETS || path.join(repo, ".assay/dev-secrets.json"));
const port = env.PORT || DEFAULT_PORT;
const host = env.HOST || "127.0.0.1";
if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535)
  fail(`PORT must be a port 1-65535, got "${port.slice(0, 20)}".`);

let loaded: ReturnType<typeof loadDevSecrets>;
try {
  loaded = loadDevSecrets(secretsFile);
} catch (error) {
  fail(error instanceof Error ? error.message.replace(/^\[assay\/dev\] /, "") : String(error));
  throw error;
}
// A variable set by hand wins over the file, so `ASSAY_ADMIN_TOKEN=… pnpm dev` still works.
const jwtSecret = env.ASSAY_JWT_SECRET || loaded.secrets.ASSAY_JWT_SECRET;
const adminToken = env.ASSAY_ADMIN_TOKEN || loaded.secrets.ASSAY_ADMIN_TOKEN;

const portProblem = await probePort(host, Number(port));
if (portProblem === "EADDRINUSE") {
  fail(
    `port ${port} on ${host} is in use (another pnpm dev?). Stop that process, or pick another port: PORT=${Number(port) + 1} pnpm dev`,
  );
} else if (portProblem) {
  fail(
    `cannot listen on ${host}:${port} (${portProblem}); set HOST and PORT to an address this machine has.`,
  );
}

// The service's JSON log lines go to a file beside the secrets, so the terminal keeps the lines a
// person reads (the console link, errors); `tail -f` the file to watch requests.
const logFile = path.join(path.dirname(secretsFile), "dev.log");
const log = fs.openSync(logFile, "a", 0o600);
const child = spawn(process.execPath, [path.join(import.meta.dirname, "main.ts")], {
  env: { ...env, PORT: port, HOST: host, ASSAY_JWT_SECRET: jwtSecret, ASSAY_ADMIN_TOKEN: adminToken },
  stdio: ["ignore", log, "inherit"],
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

// Ready when /health answers, whatever LOG_LEVEL hides from the log.
const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
waitForHealth(origin)
  .then(announce)
  .catch((error: unknown) => {
    process.stderr.write(`[assay/dev] the backend started, but the demo user could not be made: ${error}\n`);
  });

async function announce(): Promise<void> {
  const token = await demoToken(origin);
  const shown = (file: string) => {
    const relative = path.relative(process.cwd(), file);
    return relative.startsWith("..") ? file : relative;
  };
  const where = shown(secretsFile);
  const lines = [
    "",
    `[assay/dev] development-only secrets ${loaded.created ? "generated in" : "read from"} ${where} (0600${env.ASSAY_DEV_SECRETS ? "" : ", git-ignored"})${loaded.tightened ? "; it was readable by others and is 0600 again" : ""}`,
    `[assay/dev] demo user ${DEMO_EMAIL}; token valid ${TOKEN_SECONDS / 3600} h (restart pnpm dev for a fresh one)`,
    `[assay/dev] the backend's log lines: ${shown(logFile)} (tail -f ${shown(logFile)})`,
    `[assay/dev] open the console: ${origin}/console/#token=${token}`,
    "",
  ];
  process.stdout.write(lines.join("\n"));
}

/** The demo user's fresh token: the user is made once per database and reused after that. */
async function demoToken(origin: string): Promise<string> {
  const admin = { authorization: `Bearer ${adminToken}`, "content-type": "application/json" };
  const listed = await fetch(`${origin}/v1/test-support/users?tag_prefix=${encodeURIComponent(DEMO_TAG)}`, {
    headers: admin,
  });
  if (!listed.ok) throw new Error(`GET /v1/test-support/users answered ${listed.status}`);
  const existing = ((await listed.json()) as { items: Array<{ id: string; email: string }> }).items.find(
    (user) => user.email === DEMO_EMAIL,
  );
  const response = existing
    ? await fetch(`${origin}/v1/test-support/users/${existing.id}/tokens`, {
        method: "POST",
        headers: admin,
        body: JSON.stringify({ expires_in_seconds: TOKEN_SECONDS }),
      })
    : await fetch(`${origin}/v1/test-support/users`, {
        method: "POST",
        headers: admin,
        body: JSON.stringify({ email: DEMO_EMAIL, display_name: "Demo user", tag: DEMO_TAG }),
      });
  if (response.status !== 201) throw new Error(`creating the demo token answered ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

async function waitForHealth(url: string): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) return new Promise(() => {}); // the exit handler ends the process
    const ok = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await sleep(200);
  }
}

/** Resolves undefined when `host:port` is free to listen on, else the error code. */
function probePort(hostname: string, portNumber: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)));
    server.listen(portNumber, hostname, () => server.close(() => resolve(undefined)));
  });
}
