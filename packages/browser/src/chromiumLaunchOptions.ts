import { existsSync } from "node:fs";
import type { LaunchOptions } from "@playwright/test";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/**
 * Launch options for the browser suite: Debian's Chromium when it is installed (machines where
 * Playwright cannot download its own browser), else Playwright's bundled one. The flags keep
 * Chromium from reaching out to the network at start.
 *
 * @example
 * projects: [{ name: "browser", use: { launchOptions: chromiumLaunchOptions() } }]
 */
export function chromiumLaunchOptions(executablePath = DEBIAN_CHROMIUM): LaunchOptions {
  const args = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ];
  return existsSync(executablePath) ? { executablePath, args } : { args };
}
