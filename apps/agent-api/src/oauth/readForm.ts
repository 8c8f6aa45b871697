import type { IncomingMessage } from "node:http";
import { OauthError } from "./OauthError.ts";

/** Forms are small: 64 KiB is far more than any OAuth request needs. */
const MAX_FORM_BYTES = 64 * 1024;
const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads an `application/x-www-form-urlencoded` body (the token endpoint, the sign-in and consent
 * forms). RFC 6749 §3.1: a parameter sent twice is `invalid_request`, as is a body of another type.
 * Values with NUL or lone surrogates are refused too (PostgreSQL could not store them).
 * @example const form = await readForm(ctx.req); form.get("grant_type");
 */
export async function readForm(req: IncomingMessage): Promise<Map<string, string>> {
  const mediaType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/x-www-form-urlencoded") {
    throw new OauthError(400, "invalid_request", "Send the body as application/x-www-form-urlencoded.");
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new OauthError(400, "invalid_request", "The body is over 64 KiB.");
    chunks.push(chunk as Buffer);
  }
  let text: string;
  try {
    text = UTF8.decode(Buffer.concat(chunks));
  } catch {
    throw new OauthError(400, "invalid_request", "The body is not valid UTF-8.");
  }
  return readParameters(new URLSearchParams(text));
}

/**
 * The parameters of a query or form as a map, refusing repeats and unstorable strings.
 * @example const params = readParameters(ctx.query);
 */
export function readParameters(params: URLSearchParams): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, value] of params) {
    if (values.has(name)) {
      // RFC 8707 allows several `resource`s; this server serves one per token: invalid_target.
      if (name === "resource") throw new OauthError(400, "invalid_target", "Send one resource per request.");
      throw new OauthError(
        400,
        "invalid_request",
        `Parameter "${name.slice(0, 50)}" is sent more than once.`,
      );
    }
    if (
      value.includes("\u0000") ||
      !value.isWellFormed() ||
      name.includes("\u0000") ||
      !name.isWellFormed()
    ) {
      throw new OauthError(400, "invalid_request", "A parameter holds a NUL character or a lone surrogate.");
    }
    values.set(name, value);
  }
  return values;
}
