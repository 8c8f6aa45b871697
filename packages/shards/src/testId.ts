import { ShardsError } from "./ShardsError.ts";

/** The separator Playwright's `--test-list` loader splits a line on. */
const SEPARATOR = " › ";

/**
 * A test's id in the form Playwright's `--test-list` file reads back:
 * `[project] › path/from/rootDir.spec.ts › describe… › title`. The loader splits each line on `›`
 * and trims every token, so a title holding `›` or padded with spaces could never be selected:
 * such a title is refused here rather than silently dropped from its shard.
 *
 * @example
 * testId("ws", "packages/ws/suites/session.spec.ts", ["ping gets pong"]);
 * // "[ws] › packages/ws/suites/session.spec.ts › ping gets pong"
 */
export function testId(project: string, file: string, titles: readonly string[]): string {
  // A project may be unnamed ("[]"); a file or title may not be empty.
  for (const part of [project || "-", file, ...titles]) {
    if (part.includes("›") || part !== part.trim() || part === "")
      throw new ShardsError(
        `test "${[file, ...titles].join(SEPARATOR)}" cannot go in a --test-list file: a title (or project) is empty, padded with spaces or holds "›"; rename it`,
      );
  }
  return [`[${project}]`, file, ...titles].join(SEPARATOR);
}

/**
 * Throws when one id would select another: a `--test-list` line also matches every test whose
 * title path it prefixes, so a test named like a `describe` block beside it would pull that
 * block's tests into its shard and run them twice.
 *
 * @example
 * assertSelectable(["[p] › a.spec.ts › group", "[p] › a.spec.ts › group › first"]); // throws
 */
export function assertSelectable(ids: readonly string[]): void {
  const all = new Set(ids);
  for (const id of ids) {
    const parts = id.split(SEPARATOR);
    // parts: [project], file, titles…; only title prefixes can collide.
    for (let k = 3; k < parts.length; k++) {
      const prefix = parts.slice(0, k).join(SEPARATOR);
      if (all.has(prefix))
        throw new ShardsError(
          `test "${prefix}" is named like the describe block around "${id}", so a --test-list line cannot pick one without the other; rename one of them`,
        );
    }
  }
}
