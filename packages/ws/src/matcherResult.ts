import { formatFailure } from "@assay/contracts";
import type { ExpectMatcherState, MatcherReturnType } from "@playwright/test";

/** The body of a failure: an optional contract block, then detail sentences. */
export type FailureDetails = { contract?: string; errors?: readonly string[]; notes: readonly string[] };

/** What a matcher knows; {@link matcherResult} turns it into Playwright's result. */
export type MatcherOutcome = {
  name: string;
  /** How the receiver is shown in the header: `client`, `frames`. */
  received: string;
  /** The matcher's main argument, printed in the header. */
  expected: unknown;
  pass: boolean;
  /** Why it failed (or, for `.not`, what matched). Built only when the message is read. */
  details: () => FailureDetails;
  /** What the received section is, e.g. `12 events for run 7f…`. */
  receivedTitle: () => string;
  /** The received event log, one indented line per frame. */
  log: () => string[];
  actual: unknown;
};

/**
 * Builds the matcher result in the repo-wide failure format (`formatFailure`), handling `.not`
 * for every matcher in this package. The message is built only when Playwright asks for it.
 *
 * @example
 * return matcherResult(this, { name: "toReceiveEvent", received: "client", expected: match, pass, details, receivedTitle, log, actual });
 */
export function matcherResult(
  state: Pick<ExpectMatcherState, "isNot">,
  outcome: MatcherOutcome,
): MatcherReturnType {
  return {
    pass: outcome.pass,
    name: outcome.name,
    expected: outcome.expected,
    actual: outcome.actual,
    message: () => {
      const { contract, errors, notes } = outcome.details();
      return formatFailure({
        matcherName: outcome.name,
        expected: outcome.expected,
        isNot: state.isNot,
        receivedLabel: outcome.received,
        ...(contract === undefined ? {} : { contract, errors }),
        notes: notes.map((note) => `  ${note}`),
        log: [`Received: ${outcome.receivedTitle()}`, ...outcome.log()],
      });
    },
  };
}

function showArg(arg: unknown): string {
  return typeof arg === "function"
    ? `[Function ${arg.name || "anonymous"}]`
    : (JSON.stringify(arg) ?? String(arg));
}

/**
 * Throws the `[assay/ws]` usage error for a receiver of the wrong type, saying what was passed.
 *
 * @example
 * if (!isWsClient(received)) throw wrongReceiver("toReceiveEvent", "a WsClient (from connectWs or createWsClient)", received);
 */
export function wrongReceiver(name: string, wanted: string, received: unknown): Error {
  const got =
    received === null
      ? "null"
      : Array.isArray(received)
        ? `an array of ${received.length}`
        : typeof received === "object"
          ? `an object with keys ${Object.keys(received).slice(0, 6).join(", ") || "(none)"}`
          : `${typeof received} ${showArg(received)}`;
  return new Error(`[assay/ws] ${name} expects ${wanted} as the received value, got ${got}.`);
}
