import { randomUUID } from "node:crypto";
import type { Duplex } from "node:stream";
import { describeError, type Logger } from "../log.ts";
import { HttpError } from "./HttpError.ts";
import { headersTooLarge, MAX_HEADER_BYTES } from "./headerLimits.ts";
import { writeRawError } from "./writeRawError.ts";

function toClientHttpError(code: string | undefined): HttpError {
  if (code === "HPE_HEADER_OVERFLOW") {
    return headersTooLarge(`The request line and headers are over ${MAX_HEADER_BYTES} bytes.`);
  }
  if (code === "ERR_HTTP_REQUEST_TIMEOUT") {
    return new HttpError(408, "validation_failed", "The request did not arrive in time.");
  }
  return new HttpError(400, "validation_failed", "The request is not valid HTTP/1.1.");
}

/**
 * Creates the server's `clientError` listener: what node's parser refuses (headers over
 * {@link MAX_HEADER_BYTES}, a huge URL, a malformed request line, an unknown method) is answered
 * with the error envelope — 431, 408 or 400 — instead of node's bare status line, then closed.
 * @example server.on("clientError", createClientErrorHandler(log));
 */
export function createClientErrorHandler(log: Logger) {
  return (error: Error & { code?: string }, socket: Duplex): void => {
    log.debug("client_error", { code: error.code ?? "unknown", ...describeError(error) });
    if (error.code === "ECONNRESET") {
      socket.destroy();
      return;
    }
    writeRawError(socket, toClientHttpError(error.code), randomUUID());
  };
}
