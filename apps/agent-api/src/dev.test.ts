import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { chmodSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { after, test } from "node:test";
import { loadTestEnv } from "./env.ts";

// `pnpm dev` as a person runs it: no variables but a free port and a temp secrets file.
const DEV = new URL("./dev.ts", import.meta.url).pathname;
const { path: PATH } = loadTestEnv();
// A test that timed out must not leave its backend running.
const started = new Set<ReturnType<typeof spawn>>();
after(() => {
  for (const child of started) child.kill("SIGKILL");
});

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs the launcher; resolves with the console URL it prints, or its exit code and stderr. */
function runDev(env: Record<string, string>) {
  const child = spawn(process.execPath, [DEV], {
    env: { PATH, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.add(child);
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const printed = new Promise<{ url?: string; code?: number | null; stderr: string; lines: string[] }>(
    (resolve) => {
      const lines: string[] = [];
      createInterface({ input: child.stdout }).on("line", (line) => {
        lines.push(line);
        const url = /open the console: (\S+)$/.exec(line)?.[1];
        if (url) resolve({ url, stderr, lines });
      });
      child.on("exit", (code) => resolve({ code, stderr, lines }));
    },
  );
  return {
    printed,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

// Fails when the secrets file is readable by others, the URL lacks a working token, the
// console is not where the line points, or the service's log lines bury that line.
test("pnpm dev generates 0600 development secrets and prints a console URL whose token works", {
  timeout: 240_000,
}, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "assay-dev-"));
  const secretsFile = path.join(dir, "nested", "dev-secrets.json");
  const port = await freePort();
  const dev = runDev({ PORT: String(port), ASSAY_DEV_SECRETS: secretsFile, LOG_LEVEL: "info" });
  try {
    const { url, stderr, lines } = await dev.printed;
    assert.deepEqual(
      lines.filter((line) => line !== "" && !line.startsWith("[assay/dev] ")),
      [],
      "only pnpm dev's own lines reach the terminal",
    );
    assert.ok(url, `no console URL printed; stderr: ${stderr}`);
    assert.equal(statSync(secretsFile).mode & 0o777, 0o600);
    const stored = JSON.parse(readFileSync(secretsFile, "utf8"));
    assert.match(stored.warning, /Development-only/);
    assert.ok(lines.some((line) => line.includes("development-only secrets generated in")));

    const link = new URL(url);
    assert.equal(link.origin, `http://127.0.0.1:${port}`);
    assert.equal(link.pathname, "/console/");
    // The token rides in the fragment, which browsers never send to the server.
    const token = new URLSearchParams(link.hash.slice(1)).get("token");
    assert.ok(token, "the URL carries #token=");
    assert.equal(link.search, "");
    const page = await fetch(`${link.origin}${link.pathname}`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Assay console/);
    const me = await fetch(`${link.origin}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { email: string }).email, "demo@assay.dev");
    // The service's log lines are in the file the start names, beside the secrets.
    const logFile = path.join(dir, "nested", "dev.log");
    assert.ok(lines.some((line) => line.includes(`the backend's log lines: ${logFile}`)));
    let logged = "";
    for (let tries = 0; tries < 50 && !logged.includes('"route":"/v1/me"'); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      logged = readFileSync(logFile, "utf8");
    }
    assert.match(logged, /"route":"\/v1\/me"/);
    // The admin token in the file is the one the backend runs with.
    const admin = await fetch(`${link.origin}/v1/test-support/users?tag_prefix=assay:dev:demo`, {
      headers: { authorization: `Bearer ${stored.ASSAY_ADMIN_TOKEN}` },
    });
    assert.equal(admin.status, 200);
  } finally {
    await dev.stop();
  }

  // A second start reuses the file, and tightens it if it was opened up meanwhile.
  chmodSync(secretsFile, 0o644);
  const before = readFileSync(secretsFile, "utf8");
  const again = runDev({ PORT: String(port), ASSAY_DEV_SECRETS: secretsFile });
  try {
    const { url, lines } = await again.printed;
    assert.ok(url);
    assert.equal(readFileSync(secretsFile, "utf8"), before);
    assert.equal(statSync(secretsFile).mode & 0o777, 0o600);
    assert.ok(lines.some((line) => line.includes("read from") && line.includes("0600 again")));
  } finally {
    await again.stop();
  }
});

// Fails when a taken port gives a stack trace or Playwright-style advice instead of what to do.
test("pnpm dev on a taken port says which port and how to pick another", { timeout: 60_000 }, async () => {
  const blocker = net.createServer().listen(0, "127.0.0.1");
  await once(blocker, "listening");
  const { port } = blocker.address() as net.AddressInfo;
  const dir = mkdtempSync(path.join(tmpdir(), "assay-dev-"));
  try {
    const { code, stderr } = await runDev({
      PORT: String(port),
      ASSAY_DEV_SECRETS: path.join(dir, "s.json"),
    }).printed;
    assert.equal(code, 2);
    assert.equal(
      stderr,
      `[assay/dev] port ${port} on 127.0.0.1 is in use (another pnpm dev?). Stop that process, or pick another port: PORT=${port + 1} pnpm dev\n`,
    );
  } finally {
    blocker.close();
  }
});

// Fails when the launcher would hand development secrets to a staging run.
test("pnpm dev refuses staging mode and writes no secrets", { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "assay-dev-"));
  const secretsFile = path.join(dir, "s.json");
  const { code, stderr } = await runDev({ ASSAY_TARGET: "staging", ASSAY_DEV_SECRETS: secretsFile }).printed;
  assert.equal(code, 2);
  assert.match(
    stderr,
    /^\[assay\/dev\] ASSAY_TARGET=staging: pnpm dev only runs the local reference backend/,
  );
  assert.equal(stderr.split("\n").filter(Boolean).length, 1);
  assert.throws(() => statSync(secretsFile), /ENOENT/);
});
