/** The error codes of the one JSON envelope (see README, "Errors"). */
export type ErrorCode =
  | "invalid_json"
  | "validation_failed"
  | "unauthorized"
  | "not_a_test_user"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "payload_too_large"
  | "headers_too_large"
  | "unsupported_media_type"
  | "internal"
  | "unknown_message_type"
  | "rate_limited"
  | "service_unavailable";

/** The envelope every error is sent in, over HTTP and WebSocket alike. */
export type ErrorEnvelope = { error: { code: ErrorCode; message: string; correlation_id: string } };

/**
 * An error that is meant to reach the client: status, code, a safe message and extra headers.
 * @example throw new HttpError(404, "not_found", "No conversation with that id.");
 */
export class HttpError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly headers: Record<string, string>;
  constructor(status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/**
 * Builds the error envelope.
 * @example errorEnvelope("not_found", "No route.", "abc") // { error: { code: "not_found", … } }
 */
export function errorEnvelope(code: ErrorCode, message: string, correlationId: string): ErrorEnvelope {
  return { error: { code, message, correlation_id: correlationId } };
}

/**
 * Maps anything thrown by a handler to what the client may see: an {@link HttpError} as is,
 * everything else as a bare 500 `internal` that carries no stack, path or SQL.
 * @example const { status, code, message } = toHttpError(err);
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  return new HttpError(
    500,
    "internal",
    "Something went wrong on our side. Retry, or report the correlation id.",
  );
}

/**
 * The 503 of a request that needs the database while it is unreachable: at once, never a hang.
 * @example throw serviceUnavailable();
 */
export function serviceUnavailable(message = "The database is unavailable; retry shortly."): HttpError {
  return new HttpError(503, "service_unavailable", message, { "retry-after": "1" });
}

/** The 404 used for unknown routes, unknown ids and ids owned by someone else alike. */
export function notFound(what = "resource"): HttpError {
  return new HttpError(404, "not_found", `No ${what} with that id.`);
}
