import { setTimeout as sleep } from "node:timers/promises";
import { finishRun, insertRunEvent, RunEndedError } from "../db/runStore.ts";
import { hasFault, leakReceiverFor, loadFaultFor, SLOW_EVENT_MS, usersWithFault } from "../faults.ts";
import type { Services } from "../Services.ts";

/** The type of each event a run emits (see README, WebSocket frames). */
export type RunEventType =
  | "agent_started"
  | "agent_thinking"
  | "tool_executing"
  | "tool_completed"
  | "agent_completed"
  | "agent_error";

/** Emits a run's events: numbers them, stores them, then pushes them to the owner's sockets. */
export type RunEmitter = {
  emit: (type: RunEventType, extra: object) => Promise<void>;
  /** Emits the last event and the final status together (and the assistant message, if any). */
  finish: (
    status: "completed" | "failed",
    type: "agent_completed" | "agent_error",
    extra: object,
    assistant?: { id: string; content: string },
  ) => Promise<void>;
  /** True once the run's terminal event went out, or the store said the run had ended. */
  readonly ended: boolean;
};

/**
 * Creates the emitter of one run. `seq` starts at 1 and only moves on once an event is stored,
 * so a failed write never leaves a gap. Once a terminal event went out (or the store says the
 * run ended elsewhere: shutdown, restart), every later emit throws {@link RunEndedError} and
 * sends nothing: no event ever follows a terminal event.
 * @example const run = createRunEmitter(services, { ownerId, runId, conversationId });
 */
export function createRunEmitter(
  services: Services,
  ids: { ownerId: string; runId: string; conversationId: string },
): RunEmitter {
  let next = 1;
  let ended = false;
  const open = () => {
    if (ended) throw new RunEndedError(ids.runId);
  };
  const build = (type: RunEventType, extra: object) => ({
    type,
    run_id: ids.runId,
    conversation_id: ids.conversationId,
    seq: next,
    ts: new Date().toISOString(),
    ...extra,
  });
  const push = (event: { seq: number }) => {
    next = event.seq + 1;
    // The leak goes to the other users under the same fault only, so a fault test never
    // disturbs the tests running beside it.
    if (hasFault(ids.ownerId, "leak_events"))
      services.sockets.sendToUsers([ids.ownerId, ...usersWithFault("leak_events")], event);
    else {
      // The load faults: one event in many goes missing, twice, or also to another load user.
      const fault = loadFaultFor(ids.ownerId);
      if (fault === "drop") return;
      services.sockets.send(ids.ownerId, event);
      if (fault === "duplicate") services.sockets.send(ids.ownerId, event);
      const receiver = fault === "leak" ? leakReceiverFor(ids.ownerId) : undefined;
      if (receiver !== undefined) services.sockets.send(receiver, event);
    }
  };
  const slowDown = async () => {
    if (hasFault(ids.ownerId, "load_slow_events")) await sleep(SLOW_EVENT_MS);
  };
  return {
    async emit(type, extra) {
      open();
      await slowDown();
      const event = build(type, extra);
      try {
        await insertRunEvent(services.pool, ids.ownerId, ids.runId, event);
      } catch (error) {
        if (error instanceof RunEndedError) ended = true;
        throw error;
      }
      push(event);
    },
    async finish(status, type, extra, assistant) {
      open();
      await slowDown();
      const event = build(type, extra);
      try {
        await finishRun(services.pool, { ...ids, status, event, assistant });
      } catch (error) {
        // Ended elsewhere: its terminal event is stored and was sent already.
        if (error instanceof RunEndedError) ended = true;
        // The owner's screen must not wait forever: a final error still reaches the sockets.
        else if (type === "agent_error") {
          ended = true;
          push(event);
        }
        throw error;
      }
      ended = true;
      push(event);
    },
    get ended() {
      return ended;
    },
  };
}
