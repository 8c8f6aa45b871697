import type { IncomingMessage } from "node:http";
import { HttpError } from "./HttpError.ts";

/** The request line plus headers may take this many bytes (node's default is 16 KiB). */
export const MAX_HEADER_BYTES = 32 * 1024;

/**
 * The most headers a request may carry. Node itself keeps the first 2,000 and silently drops
 * the rest (`maxHeadersCount`); the server is set to keep this many, and a request that
 * reaches the limit is refused, so a header past it is never silently ignored.
 */
export const MAX_HEADER_COUNT = 100;

/**
 * The 431 `headers_too_large` of a request whose headers are over a limit.
 * @example throw headersTooLarge(`Send fewer than ${MAX_HEADER_COUNT} headers.`);
 */
export function headersTooLarge(message: string): HttpError {
  return new HttpError(431, "headers_too_large", message);
}

/**
 * The 431 for a request with {@link MAX_HEADER_COUNT} headers or more, else null.
 * @example const problem = tooManyHeaders(req); if (problem) throw problem;
 */
export function tooManyHeaders(req: IncomingMessage): HttpError | null {
  if (req.rawHeaders.length / 2 < MAX_HEADER_COUNT) return null;
  return headersTooLarge(`Send fewer than ${MAX_HEADER_COUNT} headers.`);
}
