import { existsSync } from "node:fs";
import type { LaunchOptions } from "@playwright/test";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/** Flags that keep Chromium from reaching out to the network (or the GPU) at start. */
const QUIET_FLAGS = [
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** What {@link chromiumLaunchOptions} looks at; each defaults to this machine. */
export interface ChromiumHost {
  /** The Chromium to use when it exists; default Debian's `/usr/bin/chromium`. */
  executablePath?: string;
  /** Whether the run is root, where Chromium's sandbox cannot start; default `process.getuid() === 0`. */
  root?: boolean;
}

/**
 * Launch options for the browser suite: Debian's Chromium when it is installed (machines where
 * Playwright cannot download its own browser), else Playwright's bundled one. Chromium keeps its
 * sandbox unless the run is root, where the sandbox cannot start; Playwright itself turns the
 * sandbox off unless `chromiumSandbox` is true, so it is set explicitly.
 *
 * @example
 * projects: [{ name: "browser", use: { launchOptions: chromiumLaunchOptions() } }]
 */
export function chromiumLaunchOptions(host: ChromiumHost = {}): LaunchOptions {
  const executablePath = host.executablePath ?? DEBIAN_CHROMIUM;
  const root = host.root ?? process.getuid?.() === 0;
  const args = root ? ["--no-sandbox", ...QUIET_FLAGS] : [...QUIET_FLAGS];
  const options: LaunchOptions = { args, chromiumSandbox: !root };
  return existsSync(executablePath) ? { ...options, executablePath } : options;
}
