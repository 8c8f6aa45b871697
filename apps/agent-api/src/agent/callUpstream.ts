import { type Completion, parseCompletion } from "./parseCompletion.ts";

/** Why an upstream call failed, as the `agent_error` code says it. */
export type UpstreamErrorCode =
  | "upstream_error"
  | "upstream_timeout"
  | "upstream_invalid"
  | "upstream_unavailable";

/** The upstream answered an error, too late, or not a chat completion. */
export class UpstreamError extends Error {
  readonly code: UpstreamErrorCode;
  constructor(code: UpstreamErrorCode, message: string) {
    super(message);
    this.name = "UpstreamError";
    this.code = code;
  }
}

/** The run was aborted from outside (shutdown). */
export class RunAbortedError extends Error {
  constructor() {
    super("The service is shutting down.");
    this.name = "RunAbortedError";
  }
}

/**
 * POSTs one chat-completions request and reads the reply, within `timeoutMs`.
 * @example await callUpstream({ url, timeoutMs: 5000, signal, body: { model, messages, tools } })
 */
export async function callUpstream(options: {
  url: string;
  timeoutMs: number;
  signal: AbortSignal;
  body: object;
}): Promise<Completion> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([timeout, options.signal]);
  let payload: unknown;
  try {
    const response = await fetch(options.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(options.body),
      signal,
    });
    if (!response.ok) {
      // Not awaited: msw's mocked bodies never settle a cancel, and nothing waits on it.
      response.body?.cancel().catch(() => undefined);
      throw new UpstreamError("upstream_error", `The upstream answered HTTP ${response.status}.`);
    }
    const text = await response.text();
    try {
      payload = JSON.parse(text);
    } catch {
      throw new UpstreamError("upstream_invalid", "The upstream reply is not JSON.");
    }
  } catch (error) {
    if (error instanceof UpstreamError) throw error;
    if (options.signal.aborted) throw new RunAbortedError();
    if (timeout.aborted) {
      throw new UpstreamError(
        "upstream_timeout",
        `The upstream did not answer within ${options.timeoutMs} ms.`,
      );
    }
    throw new UpstreamError("upstream_error", "The upstream could not be reached.");
  }
  const completion = parseCompletion(payload);
  if (completion === null)
    throw new UpstreamError("upstream_invalid", "The upstream reply is not a chat completion.");
  return completion;
}
