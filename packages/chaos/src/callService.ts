/**
 * One JSON request with the user's bearer token, through `fetch` rather than Playwright's
 * request context: a request that fails while the service is down (refused, reset) must not
 * put a call log with the Authorization header into the report. Resolves `status: 0` when no
 * answer came.
 * @example const { status, body } = await callService(stack.baseURL, "POST", "/v1/conversations", token, { title });
 */
export async function callService(
  baseURL: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
  timeoutMs = 15_000,
): Promise<{ status: number; body: unknown; headers: Headers | null }> {
  try {
    const response = await fetch(`${baseURL}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text === "" ? null : JSON.parse(text);
    } catch {
      parsed = text.slice(0, 200);
    }
    return { status: response.status, body: parsed, headers: response.headers };
  } catch {
    return { status: 0, body: null, headers: null };
  }
}
