import { describeValue, formatReceived, matcherResult } from "@assay/contracts";
import type { ExpectMatcherState, MatcherReturnType } from "@playwright/test";
import { checkFrameContract } from "./checkFrameContract.ts";
import { WaitForError } from "./createFrameRecorder.ts";
import { isWsClient } from "./createWsClient.ts";
import type { Frame } from "./Frame.ts";
import { formatEventLog, formatFrameLine } from "./formatEventLog.ts";
import { describeMatch } from "./matchFrame.ts";

/** Used when neither the call nor Playwright names a timeout (a matcher called outside a test). */
export const DEFAULT_TIMEOUT = 5000;

/**
 * Passes when a frame deep-matching `match` (a partial object) has arrived or arrives within
 * the timeout, and that frame is valid against the contract of its `type` (recorded as covered).
 * Under `.not`, only the arrival counts. The timeout is `options.timeout`, else Playwright's
 * expect timeout (`expect: { timeout }` in the config, `expect.configure`), else 5000 ms; a
 * failure prints it as `Timeout: <ms>ms`.
 *
 * @example
 * await expect(client).toReceiveEvent({ type: "tool_executing", run_id: runId, tool_name: "echo" });
 * await expect(client).not.toReceiveEvent({ type: "agent_started", run_id: otherUsersRun }, { timeout: 500 });
 */
export async function toReceiveEvent(
  this: Pick<ExpectMatcherState, "isNot"> & Partial<Pick<ExpectMatcherState, "timeout">>,
  received: unknown,
  match: Record<string, unknown>,
  options: { timeout?: number } = {},
): Promise<MatcherReturnType> {
  if (!isWsClient(received)) {
    throw new Error(
      `[assay/ws] toReceiveEvent expects a WsClient (from connectWs or createWsClient) as the received value, got ${describeValue(received)}.`,
    );
  }
  if (typeof match !== "object" || match === null || Array.isArray(match)) {
    throw new Error(
      `[assay/ws] toReceiveEvent expects a partial event object such as { type: "agent_started" }, got ${JSON.stringify(match)}.`,
    );
  }
  const timeout = options.timeout ?? this.timeout ?? DEFAULT_TIMEOUT;
  let frame: Frame | undefined;
  let missing = "";
  try {
    frame = await received.waitFor(match, { timeout });
  } catch (error) {
    if (!(error instanceof WaitForError)) throw error;
    missing =
      error.reason === "closed"
        ? `the socket closed before a frame matching ${describeMatch(match)} arrived`
        : `no frame matching ${describeMatch(match)} within ${timeout}ms`;
  }
  const contract = frame ? checkFrameContract(frame) : undefined;
  const valid = contract !== undefined && contract.errors.length === 0;
  const pass = frame !== undefined && (this.isNot || valid);
  const frames = received.frames;
  const log = () => [
    `Received: ${frames.length} frame${frames.length === 1 ? "" : "s"}`,
    ...formatEventLog(frames),
  ];

  return matcherResult(this.isNot, {
    name: "toReceiveEvent",
    receivedLabel: "client",
    expected: match,
    pass,
    actual: frame?.data,
    failure: () => {
      if (!frame) return { notes: [`  ${missing}`], timeout, log: log() };
      const found = `  matching frame:${formatFrameLine(frame)}`;
      if (this.isNot || !contract) return { notes: [found], timeout, log: log() };
      return {
        contract: contract.id ?? "(none)",
        errors: contract.errors,
        notes: [found, `  frame: ${formatReceived(frame.data)}`],
        timeout,
        log: log(),
      };
    },
  });
}
