import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { processEnv } from "../env.ts";

/** A running @modelcontextprotocol/server-everything: its MCP URL and how to stop it. */
export type RunningServer = { url: string; stop(): Promise<void> };

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/**
 * Starts @modelcontextprotocol/server-everything (a devDependency) in Streamable HTTP mode on a
 * free loopback port, with `listenOnLoopback.ts` preloaded so it cannot bind other interfaces,
 * and with an environment of PATH and HOME only (its get-env tool returns its environment).
 * Resolves once it says it listens; rejects after 60 s (a loaded CI machine is slow to load it) or if
 * it exits first.
 *
 * @example
 * const server = await startEverything();
 * // … run the matrix against server.url …
 * await server.stop();
 */
export async function startEverything(): Promise<RunningServer> {
  const port = await freePort();
  const entry = createRequire(import.meta.url).resolve(
    "@modelcontextprotocol/server-everything/dist/index.js",
  );
  const preload = fileURLToPath(new URL("./listenOnLoopback.ts", import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ["--import", preload, entry, "streamableHttp"], {
    env: { PATH: processEnv().PATH ?? "", HOME: processEnv().HOME ?? "", PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`[assay/mcp] server-everything did not start in 60 s: ${output}`)),
      60_000,
    );
    const watch = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes(`listening on port ${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", watch);
    child.stderr?.on("data", watch);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`[assay/mcp] server-everything exited (${code}) before listening: ${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
