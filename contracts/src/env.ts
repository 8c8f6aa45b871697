/**
 * The environment, read here only: the coverage reporter takes its run id and shard from it.
 *
 * @example
 * new CoverageReporter({}, readEnv());
 */
export function readEnv(): Readonly<Record<string, string | undefined>> {
  return process.env;
}

/**
 * Whether this process is a Playwright worker (Playwright sets `TEST_WORKER_INDEX` there only):
 * outside one there is no test to annotate, and asking Playwright would only throw.
 *
 * @example
 * if (!inPlaywrightWorker) return undefined;
 */
export const inPlaywrightWorker = process.env.TEST_WORKER_INDEX !== undefined;
