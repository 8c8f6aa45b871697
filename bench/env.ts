/**
 * The environment the benchmarks read (the one place in bench/ that touches `process.env`):
 * `ASSAY_ARTILLERY` (path of an installed artillery binary) and `ASSAY_ARTILLERY_SESSIONS`.
 *
 * @example
 * if (benchEnv.ASSAY_ARTILLERY) runArtillery(benchEnv.ASSAY_ARTILLERY);
 */
export const benchEnv: Readonly<Record<string, string | undefined>> = process.env;
