import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { inheritedPath } from "./env.ts";

/** A node script running as a child process, with what it said on stderr (for failures). */
export type NodeProcess = {
  child: ChildProcess;
  stderr: () => string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop: (graceMs?: number) => Promise<number | null>;
};

/**
 * Spawns `node <script>` with exactly `env` (plus PATH) and waits until it prints a JSON line
 * `{"event":"listening","port":N}` on stdout, or `readyWhen` says so. Rejects, with the end of its
 * stderr, when it exits first or takes longer than `timeoutMs`.
 * @example const db = await spawnNode(script, { PORT: "0" }); db.port
 */
export async function spawnNode(
  script: string,
  env: Record<string, string>,
  options: { timeoutMs?: number; readyWhen?: () => Promise<number | null> } = {},
): Promise<NodeProcess & { port: number }> {
  const child = spawn(process.execPath, [script], {
    env: { PATH: inheritedPath(), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = once(child, "exit").then(([code]) => code as number | null);
  const stop = async (graceMs = 5000): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  const fromStdout = new Promise<number>((resolve) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on("line", (line) => {
      try {
        const entry = JSON.parse(line) as { event?: unknown; port?: unknown };
        if (entry.event === "listening" && typeof entry.port === "number") resolve(entry.port);
      } catch {
        // Not a JSON line: not the one we wait for.
      }
    });
  });
  const polled = new Promise<number>((resolve) => {
    if (options.readyWhen === undefined) return;
    const check = options.readyWhen;
    const poll = async () => {
      if (child.exitCode !== null) return;
      const port = await check();
      if (port !== null) resolve(port);
      else setTimeout(poll, 50);
    };
    void poll();
  });
  const timeoutMs = options.timeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const failure = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not start within ${timeoutMs} ms`)), timeoutMs);
    void exited.then((code) => reject(new Error(`exited with code ${code} before listening`)));
  });
  try {
    const port = await Promise.race([fromStdout, polled, failure]);
    return { child, port, stderr: () => stderr, stop };
  } catch (error) {
    await stop(1000);
    throw new Error(
      `[assay/chaos] ${script.split("/").slice(-2).join("/")} ${(error as Error).message}. Its stderr:\n${stderr.trim().slice(-1500)}`,
    );
  } finally {
    clearTimeout(timer);
  }
}
