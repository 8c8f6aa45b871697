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
