import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { type LocalService, localService, resolveTarget } from "@assay/fixtures";
import { readEnv } from "./env.ts";
import { startLocalService } from "./startLocalService.ts";

const dir = mkdtempSync(join(tmpdir(), "assay-service-"));
after(() => rmSync(dir, { recursive: true, force: true }));
// Answers /health after a short boot, like the backend; exits on SIGTERM.
writeFileSync(
  join(dir, "server.mjs"),
  `import { createServer } from "node:http";
setTimeout(() => createServer((req, res) => res.writeHead(req.url === "/health" ? 200 : 404).end()).listen(Number(process.env.PORT), "127.0.0.1"), 300);
process.on("SIGTERM", () => process.exit(0));
`,
);
writeFileSync(join(dir, "crash.mjs"), "console.error('boom: no database'); process.exit(3);\n");

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
const service = (script: string, port: number): LocalService => ({
  command: `${process.execPath} ${join(dir, script)}`,
  url: `http://127.0.0.1:${port}/health`,
  env: { PORT: String(port) },
  timeout: 10_000,
  reuseExistingServer: false,
  stdout: "ignore",
  stderr: "pipe",
  gracefulShutdown: { signal: "SIGTERM", timeout: 2_000 },
});
const up = async (url: string) => (await fetch(url).catch(() => null))?.status === 200;

test("boots the service once, waits for its health URL, and stops it", async () => {
  const port = await freePort();
  const running = await startLocalService(service("server.mjs", port), { cwd: dir, env: readEnv() });
  assert.ok(running.ms >= 300, `ready after ${running.ms} ms`);
  assert.equal(await up(`http://127.0.0.1:${port}/health`), true);
  // A second boot on the same port is refused, as Playwright's webServer refuses it.
  await assert.rejects(startLocalService(service("server.mjs", port), { cwd: dir, env: readEnv() }), {
    message: `[assay/shards] http://127.0.0.1:${port}/health already answers: another run holds the port; stop it or set ASSAY_PORT to a free port`,
  });
  await running.stop();
  assert.equal(await up(`http://127.0.0.1:${port}/health`), false);
});

test("a service that exits before answering is an error pointing at its output", async () => {
  const port = await freePort();
  await assert.rejects(startLocalService(service("crash.mjs", port), { cwd: dir, env: readEnv() }), {
    message: `[assay/shards] the local service exited (code 3) before http://127.0.0.1:${port}/health answered; see its [service] lines above`,
  });
});

test("localService() boots nothing when ASSAY_EXTERNAL_SERVER says one already runs", () => {
  const env = {
    ASSAY_RUN_ID: "run-1",
    ASSAY_ADMIN_TOKEN: "a".repeat(32),
    ASSAY_JWT_SECRET: "s".repeat(32),
    ASSAY_PORT: "4331",
  };
  const target = resolveTarget(env);
  assert.equal(localService(target, env)?.url, "http://127.0.0.1:4331/health");
  assert.equal(localService(target, { ...env, ASSAY_EXTERNAL_SERVER: "1" }), undefined);
});
