import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createInterface } from "node:readline";
import WebSocket from "ws";
import { loadTestEnv } from "./env.ts";

/** A frame as the tests read it. */
export type Frame = { type: string; seq?: number; run_id?: string; [key: string]: unknown };
/** An open test socket: every frame so far, the next frame of a type, and how it closed. */
export type TestSocket = {
  ws: WebSocket;
  frames: Frame[];
  next: (type: string, timeoutMs?: number) => Promise<Frame>;
  closed: Promise<{ code: number; at: number }>;
};

// Set, the integration tests run on that PostgreSQL database instead of an embedded one.
const testEnv = loadTestEnv();

/**
 * The real service in a child process for integration tests: embedded database (or
 * `AGENT_API_TEST_DATABASE_URL`), msw upstream, a free port, the test-support API on.
 * Resolves once it logs `listening`.
 * @example const service = await startChildService({ ASSAY_JWT_ALG: "RS256" }); await service.stop();
 */
export async function startChildService(extraEnv: Record<string, string> = {}) {
  const admin = randomBytes(32).toString("hex");
  const child: ChildProcess = spawn(process.execPath, [new URL("./main.ts", import.meta.url).pathname], {
    env: {
      PATH: testEnv.path,
      PORT: "0",
      ASSAY_JWT_SECRET: randomBytes(32).toString("hex"),
      ASSAY_ADMIN_TOKEN: admin,
      ASSAY_LLM_TIMEOUT_MS: "300",
      ...(testEnv.databaseUrl ? { DATABASE_URL: testEnv.databaseUrl } : {}),
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const logs: Array<Record<string, unknown>> = [];
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`agent-api exited with ${code} before listening`)));
    lines.on("line", (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      if (entry.event === "listening") resolve(entry.port as number);
    });
  });
  const base = `http://127.0.0.1:${port}`;

  async function call(
    method: string,
    path: string,
    token?: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ) {
    const headers: Record<string, string> = body === undefined ? {} : { "content-type": "application/json" };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const init = { method, headers: { ...headers, ...extraHeaders } };
    const response = await fetch(base + path, {
      ...init,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    // The body stays untyped on purpose: each test reads the fields it asserts on.
    return {
      status: response.status,
      headers: response.headers,
      body: text === "" ? null : JSON.parse(text),
    };
  }

  async function createUser(tag = "agent-api-unit"): Promise<{ id: string; token: string }> {
    const created = await call("POST", "/v1/test-support/users", admin, { tag });
    assert.equal(created.status, 201);
    return { id: created.body.user.id, token: created.body.token };
  }

  async function openSocket(token: string): Promise<TestSocket> {
    const ws = new WebSocket(`${base.replace("http", "ws")}/v1/ws`, ["assay.v1", `bearer.${token}`]);
    const frames: Frame[] = [];
    const waiters: Array<() => void> = [];
    ws.on("message", (data) => {
      frames.push(JSON.parse(data.toString()) as Frame);
      for (const wake of waiters.splice(0)) wake();
    });
    const closed = new Promise<{ code: number; at: number }>((resolve) =>
      ws.once("close", (code) => resolve({ code, at: Date.now() })),
    );
    // Fails instead of hanging when the frame never comes.
    const next = async (type: string, timeoutMs = 3000): Promise<Frame> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = frames.find((frame) => frame.type === type);
        if (found !== undefined) return found;
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(
            `no ${type} frame within ${timeoutMs} ms; got ${frames.map((f) => f.type).join(", ")}`,
          );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    };
    await once(ws, "open");
    return { ws, frames, next, closed };
  }

  async function stop(): Promise<void> {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    assert.equal(code, 0, "SIGTERM must end the service cleanly");
  }

  const dbMode = testEnv.databaseUrl ? "postgres" : "embedded";
  return { base, port, admin, dbMode, logs, child, call, createUser, openSocket, stop };
}

/** What {@link startChildService} resolves. */
export type ChildService = Awaited<ReturnType<typeof startChildService>>;
