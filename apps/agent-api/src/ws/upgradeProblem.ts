import type { IncomingMessage } from "node:http";
import { HttpError } from "../http/HttpError.ts";

const KEY = /^[+/0-9A-Za-z]{22}==$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * What is wrong with an upgrade request before `ws` sees it, as the 400 to answer (or null):
 * the checks `ws` makes itself, done here so the refusal carries the error envelope rather
 * than `ws`'s bare "400 Bad Request".
 * @example const problem = upgradeProblem(req); if (problem) throw problem;
 */
export function upgradeProblem(req: IncomingMessage): HttpError | null {
  const invalid = (message: string, headers?: Record<string, string>) =>
    new HttpError(400, "validation_failed", message, headers);
  if (req.method !== "GET")
    return new HttpError(405, "method_not_allowed", "Use GET to open a WebSocket.", { allow: "GET" });
  if ((req.headers.upgrade ?? "").toLowerCase() !== "websocket")
    return invalid('Header "Upgrade" must be websocket.');
  if (!KEY.test(req.headers["sec-websocket-key"] ?? ""))
    return invalid('Header "Sec-WebSocket-Key" is missing or malformed.');
  const version = req.headers["sec-websocket-version"];
  if (version !== "13" && version !== "8") {
    return invalid('Header "Sec-WebSocket-Version" must be 13.', { "sec-websocket-version": "13, 8" });
  }
  const protocols = req.headers["sec-websocket-protocol"];
  if (protocols !== undefined && !protocols.split(",").every((p) => TOKEN.test(p.trim()))) {
    return invalid('Header "Sec-WebSocket-Protocol" must be a list of tokens.');
  }
  return null;
}
