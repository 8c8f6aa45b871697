import { formatReceived } from "@assay/contracts";
import type { ExpectMatcherState, MatcherReturnType } from "@playwright/test";
import { checkFrameContract } from "./checkFrameContract.ts";
import { WaitForError } from "./createFrameRecorder.ts";
import type { Frame } from "./Frame.ts";
import { formatEventLog, formatFrameLine } from "./formatEventLog.ts";
import { isWsClient } from "./isWsClient.ts";
import { matcherResult, wrongReceiver } from "./matcherResult.ts";
import { describeMatch } from "./matchFrame.ts";

/**
 * Passes when a frame deep-matching `match` (a partial object) has arrived or arrives within
 * `timeout` ms, and that frame is valid against the contract of its `type` (recorded as covered).
 * Under `.not`, only the arrival counts.
 *
 * @example
 * await expect(client).toReceiveEvent({ type: "tool_executing", run_id: runId, tool_name: "echo" });
 * await expect(client).not.toReceiveEvent({ type: "agent_started", run_id: otherUsersRun }, { timeout: 500 });
 */
export async function toReceiveEvent(
  this: Pick<ExpectMatcherState, "isNot">,
  received: unknown,
  match: Record<string, unknown>,
  options: { timeout?: number } = {},
): Promise<MatcherReturnType> {
  if (!isWsClient(received)) {
    throw wrongReceiver("toReceiveEvent", "a WsClient (from connectWs or createWsClient)", received);
  }
  if (typeof match !== "object" || match === null || Array.isArray(match)) {
    throw new Error(
      `[assay/ws] toReceiveEvent expects a partial event object such as { type: "agent_started" }, got ${JSON.stringify(match)}.`,
    );
  }
  const timeout = options.timeout ?? 5000;
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

  return matcherResult(this, {
    name: "toReceiveEvent",
    received: "client",
    expected: match,
    pass,
    details: () => {
      if (!frame) return { notes: [missing] };
      const found = `matching frame:${formatFrameLine(frame)}`;
      if (this.isNot || !contract) return { notes: [found] };
      return {
        contract: contract.id ?? "(none)",
        errors: contract.errors,
        notes: [found, `frame: ${formatReceived(frame.data)}`],
      };
    },
    receivedTitle: () => `${frames.length} frame${frames.length === 1 ? "" : "s"}`,
    log: () => formatEventLog(frames),
    actual: frame?.data,
  });
}
