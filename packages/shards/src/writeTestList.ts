import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Writes a `--test-list` file: one test id per line, after a comment saying where it came from
 * (Playwright skips lines starting with `#`).
 *
 * @example
 * writeTestList(".assay/shards/1/tests.txt", plan[0].tests, "shard 1/3");
 */
export function writeTestList(file: string, tests: readonly string[], label: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `# ${label}: written by assay-e2e from the shard plan\n${tests.join("\n")}\n`);
}
