import type { BadHttpInput } from "./badHttpInputs.ts";
import type { HttpOutcome } from "./checkErrorResponse.ts";
import { sendRaw } from "./sendRaw.ts";

/**
 * Sends one bad input byte for byte as `token`'s user (Content-Length set, connection closed
 * after) and returns what came back, named `METHOD /route (input name)`.
 *
 * @example
 * const outcome = await sendBadHttpInput(target.baseURL, alice.token, input);
 */
export async function sendBadHttpInput(
  baseURL: string,
  token: string,
  input: BadHttpInput,
): Promise<HttpOutcome> {
  const body = input.body === undefined ? Buffer.alloc(0) : Buffer.from(input.body);
  const head = [
    `${input.method} ${input.path} HTTP/1.1`,
    `Host: ${new URL(baseURL).host}`,
    `Authorization: Bearer ${token}`,
    ...Object.entries(input.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    ...(input.body === undefined ? [] : [`Content-Length: ${body.length}`]),
    "Connection: close",
  ];
  const answer = await sendRaw(
    baseURL,
    Buffer.concat([Buffer.from(`${head.join("\r\n")}\r\n\r\n`, "latin1"), body]),
    15_000,
  );
  return {
    where: `${input.method} ${input.route} (${input.name})`,
    status: answer.status,
    body: answer.body,
  };
}
