const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
]);
// Messages pg and pg-pool use for a connection that failed, hung or went away mid-query.
const CONNECTION_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Connection ended unexpectedly|Client was closed|not queryable|The database is unavailable/i;

/**
 * Whether an error means "the database cannot be reached" (as opposed to a query it refused):
 * network errors, pg's connection and timeout errors, SQLSTATE class 08 and the shutdown codes.
 * @example if (isConnectionError(error)) throw serviceUnavailable();
 */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (NETWORK_CODES.has(code)) return true;
    if (code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03") return true;
  }
  if (error instanceof AggregateError && error.errors.some(isConnectionError)) return true;
  return CONNECTION_MESSAGES.test(error.message);
}
