import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { errorEnvelope, type HttpError } from "./HttpError.ts";

/**
 * Answers on a bare socket (a refused upgrade, a request node could not parse) with the error
 * envelope, then closes it: where there is no `ServerResponse` to send through.
 * @example writeRawError(socket, headersTooLarge("…"), randomUUID());
 */
export function writeRawError(socket: Duplex, error: HttpError, correlationId: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(errorEnvelope(error.code, error.message, correlationId));
  const headers = {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(body)),
    "cache-control": "no-store",
    "x-correlation-id": correlationId,
    connection: "close",
    ...error.headers,
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.end(`HTTP/1.1 ${error.status} ${STATUS_CODES[error.status]}\r\n${head.join("")}\r\n${body}`);
}
