/**
 * The environment the observability suites read (the one place in this package that touches
 * `process.env`): `ASSAY_SERVICE_LOG` / `ASSAY_SERVICE_LOG_COMMAND` (where the service's log
 * lines are), `ASSAY_TLS_MIN_DAYS`, `ASSAY_HTTP_URL`, and `ASSAY_JWT_SECRET` (a secret the log
 * check looks for).
 *
 * @example
 * const minDays = tlsMinDays(observabilityEnv());
 */
export function observabilityEnv(): Readonly<Record<string, string | undefined>> {
  return process.env;
}

/** Days a certificate must still be valid for: `ASSAY_TLS_MIN_DAYS`, default 14. */
export const tlsMinDays = (env: Readonly<Record<string, string | undefined>>): number =>
  Number(env.ASSAY_TLS_MIN_DAYS || 14);
