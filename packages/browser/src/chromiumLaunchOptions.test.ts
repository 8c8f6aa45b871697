import assert from "node:assert/strict";
import { test } from "node:test";
import { chromiumLaunchOptions } from "./chromiumLaunchOptions.ts";

const QUIET = [
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// Fails when the sandbox is switched off for everyone (the old always-`--no-sandbox`).
test("not root: the sandbox stays on, explicitly, since Playwright turns it off by default", () => {
  const options = chromiumLaunchOptions({ executablePath: process.execPath, root: false });
  assert.equal(options.chromiumSandbox, true);
  assert.deepEqual(options.args, QUIET);
});

// Fails when root loses --no-sandbox: Chromium then refuses to start at all.
test("root: --no-sandbox and chromiumSandbox false, where the sandbox cannot start", () => {
  const options = chromiumLaunchOptions({ executablePath: process.execPath, root: true });
  assert.equal(options.chromiumSandbox, false);
  assert.deepEqual(options.args, ["--no-sandbox", ...QUIET]);
});

// Fails when an installed Chromium is ignored, or a missing one is still named.
test("an installed Chromium is used; without one, Playwright's own (no executablePath)", () => {
  assert.equal(chromiumLaunchOptions({ executablePath: process.execPath }).executablePath, process.execPath);
  assert.equal(chromiumLaunchOptions({ executablePath: "/nonexistent/chromium" }).executablePath, undefined);
});

// Fails when the default ignores whether this process runs as root.
test("by default, root is read from this process's uid", () => {
  const root = process.getuid?.() === 0;
  assert.equal(chromiumLaunchOptions().args?.includes("--no-sandbox"), root);
});
