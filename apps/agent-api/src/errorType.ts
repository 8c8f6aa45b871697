import { isConnectionError } from "./db/isConnectionError.ts";

/**
 * The stable `error_type` of an error log line, so alerts can match on it: what failed, not
 * the wording of the message.
 */
export type ErrorType =
  | "db_unavailable"
  | "db_query_failed"
  | "upstream_error"
  | "upstream_timeout"
  | "upstream_invalid"
  | "upstream_unavailable"
  | "shutdown"
  | "client_error"
  | "internal";

const UPSTREAM_CODES = new Set([
  "upstream_error",
  "upstream_timeout",
  "upstream_invalid",
  "upstream_unavailable",
]);

/**
 * Classifies a thrown error for the logs.
 * @example errorType(new Error("Connection terminated unexpectedly")) // "db_unavailable"
 */
export function errorType(error: Error): ErrorType {
  const code = (error as { code?: unknown }).code;
  if (error.name === "UpstreamError" && typeof code === "string" && UPSTREAM_CODES.has(code))
    return code as ErrorType;
  if (isConnectionError(error)) return "db_unavailable";
  if (error.name === "RunAbortedError") return "shutdown";
  if (error.name === "DatabaseError" || (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)))
    return "db_query_failed";
  if (typeof code === "string" && code.startsWith("HPE_")) return "client_error";
  return "internal";
}
