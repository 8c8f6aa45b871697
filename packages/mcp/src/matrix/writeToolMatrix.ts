import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { McpInputError } from "./McpInputError.ts";
import { renderMatrixMarkdown } from "./renderMatrixMarkdown.ts";
import type { ToolMatrix } from "./ToolMatrix.ts";

/** `reports/mcp/tool-matrix.json`: every matrix of one run, one per target and era. */
export type ToolMatrixFile = { version: 1; matrices: ToolMatrix[] };

const LOCK_WAIT_MS = 10_000;
const LOCK_STALE_MS = 30_000;
const sleep = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

/**
 * Reads a tool-matrix file; a missing file is an empty list, a malformed one a one-line
 * `McpInputError` naming the file.
 *
 * @example
 * const matrices = readToolMatrices("reports/mcp/tool-matrix.json");
 */
export function readToolMatrices(path: string): ToolMatrix[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new McpInputError(`tool matrix ${path} is unreadable (${(error as NodeJS.ErrnoException).code})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new McpInputError(`tool matrix ${path} is not valid JSON (${(error as Error).message})`);
  }
  const file = value as Partial<ToolMatrixFile>;
  if (file?.version !== 1 || !Array.isArray(file.matrices))
    throw new McpInputError(`tool matrix ${path}: / must be {"version": 1, "matrices": [...]}`);
  file.matrices.forEach((m, i) => {
    if (typeof m?.target !== "string" || !Array.isArray(m.cases) || typeof m.totals !== "object")
      throw new McpInputError(`tool matrix ${path}: /matrices/${i} is not a tool matrix`);
  });
  return file.matrices;
}

/**
 * Adds one matrix to `<dir>/tool-matrix.json` and rewrites `<dir>/tool-matrix.md` from the whole
 * file. Parallel workers write the same file, so the update holds a lock (an exclusive mkdir);
 * matrices of earlier runs (another `run_id`) are dropped, and one of the same run, target and era
 * is replaced. Returns both paths.
 *
 * @example
 * const { json, markdown } = writeToolMatrix("reports/mcp", matrix);
 */
export function writeToolMatrix(dir: string, matrix: ToolMatrix): { json: string; markdown: string } {
  const json = join(dir, "tool-matrix.json");
  const markdown = join(dir, "tool-matrix.md");
  mkdirSync(dir, { recursive: true });
  const lock = `${json}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const age = Date.now() - (statSafe(lock) ?? Date.now());
      if (age > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline)
        throw new Error(`[assay/mcp] ${lock} stayed locked for ${LOCK_WAIT_MS} ms`);
      else sleep(20);
    }
  }
  try {
    const same = (m: ToolMatrix): boolean =>
      m.target === matrix.target && m.era === matrix.era && m.url === matrix.url;
    const kept = readToolMatrices(json).filter((m) => m.run_id === matrix.run_id && !same(m));
    const matrices = [...kept, matrix].sort((a, b) =>
      `${a.target}/${a.era}`.localeCompare(`${b.target}/${b.era}`),
    );
    const file: ToolMatrixFile = { version: 1, matrices };
    writeFileSync(`${json}.tmp`, `${JSON.stringify(file, null, 2)}\n`);
    renameSync(`${json}.tmp`, json);
    writeFileSync(`${markdown}.tmp`, `${renderMatrixMarkdown(matrices)}\n`);
    renameSync(`${markdown}.tmp`, markdown);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return { json, markdown };
}

function statSafe(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}
