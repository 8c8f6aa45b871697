import { once } from "node:events";
import type { LocalService } from "@assay/fixtures";
import { spawnTracked } from "./runProcess.ts";
import { ShardsError } from "./ShardsError.ts";

/** A backend we booted; `stop()` ends it the way Playwright's webServer would. */
export type RunningService = { ms: number; stop: () => Promise<void> };

/**
 * Boots the service a local run describes (`localService(target)`) once, for every shard, and
 * waits until its health URL answers 2xx — what Playwright's `webServer` does per run. A URL that
 * already answers is refused (another run holds the port), as `reuseExistingServer: false` does.
 * Its stderr is shown with a `[service]` prefix.
 *
 * @example
 * const service = await startLocalService(localService(target), { cwd: process.cwd(), env: readEnv() });
 * try { … } finally { await service.stop(); }
 */
export async function startLocalService(
  service: LocalService,
  options: { cwd: string; env: Readonly<Record<string, string | undefined>> },
): Promise<RunningService> {
  const started = performance.now();
  if (await answers(service.url))
    throw new ShardsError(
      `${service.url} already answers: another run holds the port; stop it or set ASSAY_PORT to a free port`,
    );
  // `exec` makes the shell become the service, so the signal in stop() reaches node itself.
  const child = spawnTracked("/bin/sh", ["-c", `exec ${service.command}`], {
    cwd: options.cwd,
    env: { ...options.env, ...service.env },
    prefix: "[service]",
  });
  let exited: number | null | undefined;
  const closed = once(child, "close").then(([code]) => {
    exited = code as number | null;
  });
  const stop = async (): Promise<void> => {
    if (exited !== undefined) return;
    child.kill(service.gracefulShutdown.signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), service.gracefulShutdown.timeout);
    await closed;
    clearTimeout(timer);
  };
  const deadline = started + service.timeout;
  while (!(await answers(service.url))) {
    if (exited !== undefined)
      throw new ShardsError(
        `the local service exited (code ${exited}) before ${service.url} answered; see its [service] lines above`,
      );
    if (performance.now() > deadline) {
      await stop();
      throw new ShardsError(
        `the local service did not answer ${service.url} within ${service.timeout / 1000} s; see its [service] lines above`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { ms: performance.now() - started, stop };
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
