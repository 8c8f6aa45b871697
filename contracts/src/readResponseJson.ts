/** The part of Playwright's APIResponse the matcher reads. */
export interface ResponseLike {
  status(): number;
  headers(): Record<string, string>;
  json(): Promise<unknown>;
  text?(): Promise<string>;
  url?(): string;
}

/** A parsed JSON body, or why there is none plus what was there instead. */
export type ResponseBody = { ok: true; value: unknown } | { ok: false; problem: string; text: string };

/**
 * Duck-types a Playwright APIResponse: matching on methods rather than the class keeps
 * the matcher working across Playwright copies and with `request.newContext()` responses.
 *
 * @example
 * if (isResponseLike(received)) body = await readResponseJson(received);
 */
export function isResponseLike(value: unknown): value is ResponseLike {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Record<keyof ResponseLike, unknown>>;
  return (
    typeof candidate.json === "function" &&
    typeof candidate.status === "function" &&
    typeof candidate.headers === "function"
  );
}

/**
 * Reads a response body as JSON, refusing bodies that are not `application/json` or do not
 * parse, so the contract is only ever checked against what the service actually sent.
 *
 * @example
 * const body = await readResponseJson(await request.get("/health"));
 */
export async function readResponseJson(response: ResponseLike): Promise<ResponseBody> {
  const status = response.status();
  const contentType = response.headers()["content-type"] ?? "";
  const text = response.text === undefined ? JSON.stringify(await response.json()) : await response.text();
  const where = `HTTP ${status}${response.url === undefined ? "" : ` from ${response.url()}`}`;
  if (text === "") return { ok: false, problem: `Response body is empty (${where}).`, text };
  if (!contentType.toLowerCase().includes("application/json")) {
    const shown = contentType === "" ? "no content-type" : `content-type ${JSON.stringify(contentType)}`;
    return { ok: false, problem: `Response has ${shown}, not application/json (${where}).`, text };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: `Response body is not JSON (${where}): ${(error as Error).message}.`, text };
  }
}
