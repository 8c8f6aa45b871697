/** The variables `@assay/load` reads; the one place in this package that touches `process.env`. */
export type LoadEnv = Readonly<Record<string, string | undefined>>;

/**
 * Returns the environment (`ASSAY_LOAD_*`, `ASSAY_SHARD`, …).
 *
 * @example
 * const scenario = readScenario(loadScenarioFile(readLoadEnv()), readLoadEnv());
 */
export function readLoadEnv(): LoadEnv {
  return process.env;
}

/** The scenario file a load run uses: `ASSAY_LOAD_SCENARIO`, else the smoke scenario. */
export const loadScenarioFile = (env: LoadEnv): string =>
  env.ASSAY_LOAD_SCENARIO || new URL("../scenarios/smoke.json", import.meta.url).pathname;
