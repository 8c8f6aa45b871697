import assert from "node:assert/strict";
import { test } from "node:test";
import { chromiumLaunchOptions } from "./chromiumLaunchOptions.ts";

test("an installed Chromium is used, with the flags that keep it off the network", () => {
  const options = chromiumLaunchOptions(process.execPath);
  assert.equal(options.executablePath, process.execPath);
  assert.ok(options.args?.includes("--disable-background-networking"));
  assert.ok(options.args?.includes("--no-sandbox"));
});

test("without one, Playwright's own browser is used (no executablePath)", () => {
  const options = chromiumLaunchOptions("/nonexistent/chromium");
  assert.equal(options.executablePath, undefined);
  assert.ok(options.args?.includes("--disable-gpu"));
});
