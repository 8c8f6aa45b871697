/**
 * The environment, read here only: the coverage reporter takes its run id and shard from it.
 *
 * @example
 * new CoverageReporter({}, readEnv());
 */
export function readEnv(): Readonly<Record<string, string | undefined>> {
  return process.env;
}
