/** One HTTP exchange as the flow saw it; `url` has its query cut (codes and states live there). */
export interface Exchange {
  method: string;
  url: string;
  status: number;
  ms: number;
}

/** A response read whole: headers, text, and the JSON when the body is JSON. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
  /** `Location`, resolved against the request URL. */
  location: string | undefined;
}

/** How long one request may take before the flow gives up on it. */
const TIMEOUT_MS = 15_000;

/**
 * Sends one request without following redirects (the flow reads every `Location` itself: that
 * is where codes and errors come back) and records it in `log` without its query string.
 *
 * @example
 * const answer = await httpExchange(log, "https://a.example/.well-known/oauth-authorization-server");
 */
export async function httpExchange(
  log: Exchange[],
  url: string,
  init: RequestInit = {},
): Promise<HttpAnswer> {
  const started = performance.now();
  const method = init.method ?? "GET";
  // Between two requests the flow may have compiled a document's schema (seconds on a loaded CI
  // machine): two turns of the check phase put a poll phase between them, where a keep-alive
  // connection the server closed meanwhile is read as closed, so fetch never writes to it.
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS), ...init });
  const text = await response.text();
  const ms = Math.round((performance.now() - started) * 10) / 10;
  log.push({ method, url: url.split("?")[0] ?? url, status: response.status, ms });
  let json: unknown;
  if ((response.headers.get("content-type") ?? "").includes("json")) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  const location = response.headers.get("location");
  return {
    status: response.status,
    headers: response.headers,
    text,
    json,
    location: location === null ? undefined : new URL(location, url).href,
  };
}
