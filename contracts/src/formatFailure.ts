import type { MatcherReturnType } from "@playwright/test";

/** What one matcher failure says; every part but the header is optional. */
export interface Failure {
  /** `toMatchContract`, `toEmitInOrder`, … */
  matcherName: string;
  /** The matcher's argument, printed as JSON inside the call; omitted when undefined. */
  expected?: unknown;
  /** The matcher was called through `.not`. */
  isNot?: boolean;
  /** What the header calls the receiver: `response`, `socket`; default `received`. */
  receivedLabel?: string;
  /** Prints `Contract: <id>`; `errors` are listed under it, indented. */
  contract?: string;
  errors?: readonly string[];
  /** Plain sentences printed after the contract block. */
  notes?: readonly string[];
  /** How long a waiting matcher waited, printed `Timeout: 5000ms` as Playwright's own matchers do. */
  timeout?: number;
  /** When the key is present, prints `Received: <JSON>` cut at 1000 chars. */
  received?: unknown;
  /** Printed last, as is: e.g. the received event log. */
  log?: readonly string[];
}

const MAX_RECEIVED = 1000;

/**
 * Builds the one failure message format of the repo:
 *
 * ```
 * expect(response).toMatchContract("http/health.v1") failed
 *
 * Contract: http/health.v1
 *   /status must be equal to one of the allowed values ("healthy", "degraded", "unhealthy")
 * Received: {"status":"ok"}
 * ```
 *
 * A waiting matcher adds `Timeout: <ms>ms` after its notes; an event matcher puts the received
 * event log last.
 *
 * @example
 * message: () => formatFailure({ matcherName: "toMatchContract", expected: id, isNot: this.isNot,
 *   contract: id, errors, received: value }),
 */
export function formatFailure(failure: Failure): string {
  const not = failure.isNot ? ".not" : "";
  const argument = failure.expected === undefined ? "" : stringify(failure.expected);
  const lines = [
    `expect(${failure.receivedLabel ?? "received"})${not}.${failure.matcherName}(${argument}) failed`,
    "",
  ];
  if (failure.contract !== undefined) lines.push(`Contract: ${failure.contract}`);
  for (const error of failure.errors ?? []) lines.push(`  ${error}`);
  lines.push(...(failure.notes ?? []));
  if (failure.timeout !== undefined) lines.push(`Timeout: ${failure.timeout}ms`);
  if ("received" in failure) lines.push(`Received: ${formatReceived(failure.received)}`);
  lines.push(...(failure.log ?? []));
  return lines.join("\n");
}

/**
 * A value as compact JSON, cut at 1000 chars with `…`; values JSON cannot hold
 * (undefined, functions, cycles) are described instead.
 *
 * @example
 * formatReceived({ status: "ok" }); // '{"status":"ok"}'
 */
export function formatReceived(value: unknown, max = MAX_RECEIVED): string {
  const text = stringify(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function stringify(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "function") return `[Function ${value.name || "anonymous"}]`;
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "symbol") return value.toString();
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** What a matcher knows; {@link matcherResult} turns it into Playwright's result. */
export type MatcherOutcome = {
  name: string;
  /** How the receiver is shown in the header: `client`, `response`. */
  receivedLabel: string;
  /** The matcher's main argument, printed in the header. */
  expected: unknown;
  pass: boolean;
  actual: unknown;
  /** The body of the message (contract block, notes, timeout, received, log); built only when read. */
  failure: () => Omit<Failure, "matcherName" | "expected" | "isNot" | "receivedLabel">;
};

/**
 * Builds a matcher's result in the repo's one failure format, for `.not` too: the message is
 * built only when Playwright prints it. Every Assay matcher returns through this or
 * {@link formatFailure}.
 *
 * @example
 * return matcherResult(this.isNot, { name: "toReceiveEvent", receivedLabel: "client", expected: match, pass, actual,
 *   failure: () => ({ notes: ["  no frame matching {\"type\":\"pong\"}"], timeout }) });
 */
export function matcherResult(isNot: boolean, outcome: MatcherOutcome): MatcherReturnType {
  return {
    pass: outcome.pass,
    name: outcome.name,
    expected: outcome.expected,
    actual: outcome.actual,
    message: () =>
      formatFailure({
        matcherName: outcome.name,
        expected: outcome.expected,
        isNot,
        receivedLabel: outcome.receivedLabel,
        ...outcome.failure(),
      }),
  };
}

/**
 * A short description of a value passed where something else was expected, for usage errors:
 * `null`, `an array of 3`, `an object with keys a, b`, `string "x"`, `[Function f]`.
 *
 * @example
 * throw new Error(`[assay/ws] toReceiveEvent expects a WsClient, got ${describeValue(received)}.`);
 */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "object")
    return `an object with keys ${Object.keys(value).slice(0, 6).join(", ") || "(none)"}`;
  return `${typeof value} ${stringify(value)}`;
}
