import type { IncomingMessage } from "node:http";
import { HttpError } from "./HttpError.ts";
import { parseJsonText } from "./parseJsonText.ts";

/** The largest body the service reads: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

// fatal: bytes that are not UTF-8 are refused instead of silently becoming U+FFFD.
const UTF8 = new TextDecoder("utf-8", { fatal: true });

function tooLarge(): HttpError {
  return new HttpError(413, "payload_too_large", `The body is over ${MAX_BODY_BYTES} bytes.`);
}

/**
 * Reads and parses a JSON body: `undefined` when there is none, 415 when it is not
 * `application/json`, 413 past 1 MiB, 400 `invalid_json` when it is not UTF-8 JSON, 400
 * `validation_failed` when it nests too deep.
 * @example const body = await readJsonBody(req);
 */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = req.headers["content-length"];
  const chunked = req.headers["transfer-encoding"] !== undefined;
  if (!chunked && (declared === undefined || declared === "0")) return undefined;
  const mediaType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new HttpError(415, "unsupported_media_type", "Send the body as application/json.");
  }
  if (declared !== undefined && Number(declared) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw tooLarge();
    chunks.push(buffer);
  }
  if (size === 0) return undefined;
  let text: string;
  try {
    text = UTF8.decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, "invalid_json", "The body is not valid UTF-8.");
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new HttpError(400, parsed.code, parsed.message);
  return parsed.value;
}
