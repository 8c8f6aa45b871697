import { createRequire } from "node:module";
import { join } from "node:path";
import { ShardsError } from "./ShardsError.ts";

/**
 * The path of the project's Playwright CLI (`@playwright/test/cli`), resolved from `cwd` so the
 * wrapper runs the same Playwright as the project's config imports.
 *
 * @example
 * spawn(process.execPath, [playwrightCli(process.cwd()), "test", "--list"]);
 */
export function playwrightCli(cwd: string): string {
  try {
    return createRequire(join(cwd, "package.json")).resolve("@playwright/test/cli");
  } catch {
    throw new ShardsError(
      `@playwright/test is not installed in ${cwd}; run assay-e2e from the project root after pnpm install`,
    );
  }
}
