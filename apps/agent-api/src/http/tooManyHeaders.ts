import type { IncomingMessage } from "node:http";
import { HttpError } from "./HttpError.ts";

/**
 * The most headers a request may carry. Node itself keeps the first 2,000 and silently drops
 * the rest (`maxHeadersCount`); the server is set to keep this many, and a request that
 * reaches the limit is refused, so a header past it is never silently ignored.
 */
export const MAX_HEADER_COUNT = 100;

/**
 * The 431 for a request with {@link MAX_HEADER_COUNT} headers or more, else null.
 * @example const problem = tooManyHeaders(req); if (problem) throw problem;
 */
export function tooManyHeaders(req: IncomingMessage): HttpError | null {
  if (req.rawHeaders.length / 2 < MAX_HEADER_COUNT) return null;
  return new HttpError(431, "payload_too_large", `Send fewer than ${MAX_HEADER_COUNT} headers.`);
}
