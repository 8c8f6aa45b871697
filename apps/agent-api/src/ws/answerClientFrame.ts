import { findRun, listRunEvents } from "../db/runStore.ts";
import { switchSocketSession } from "../db/sessionStore.ts";
import { isUuid } from "../http/readFields.ts";
import type { Services } from "../Services.ts";
import { errorFrame, parseClientFrame } from "./parseClientFrame.ts";

/** What a socket knows about itself. */
export type SocketSession = {
  sessionId: string;
  userId: string;
  correlationId: string;
  /**
   * Told about a replay: `hold` before its stored events are read, `answered` with the last seq
   * the answer carries; the socket releases the hold once the answer is sent
   * (`SocketRegistry.holdRun`).
   */
  replays?: {
    hold: (runId: string) => void;
    answered: (runId: string, lastSeq: number) => void;
  };
};

/**
 * The frames that answer one client frame, in order: `pong`; `project_switched`; a run's stored
 * events then `replay_done`; or one `error` frame. Every lookup is scoped to the socket's user.
 * @example for (const frame of await answerClientFrame(services, session, raw)) ws.send(JSON.stringify(frame));
 */
export async function answerClientFrame(
  services: Services,
  session: SocketSession,
  raw: string,
): Promise<object[]> {
  const frame = parseClientFrame(raw);
  const ts = () => new Date().toISOString();
  if (!("type" in frame)) return [errorFrame(frame.code, frame.message, session.correlationId)];
  const withId = frame.id === undefined ? {} : { id: frame.id };
  switch (frame.type) {
    case "ping":
      return [{ type: "pong", ts: ts(), ...withId }];
    case "switch_project": {
      const projectId = frame.project_id.toLowerCase();
      const switched = isUuid(projectId)
        ? await switchSocketSession(services.pool, session.userId, session.sessionId, projectId)
        : null;
      if (switched === null)
        return [errorFrame("not_found", "No project with that id.", session.correlationId)];
      services.log.info("project_switched", {
        session_id: session.sessionId,
        user: session.userId,
        project: switched.project_id,
      });
      const answer = {
        type: "project_switched",
        session_id: session.sessionId,
        project_id: switched.project_id,
      };
      return [{ ...answer, ...withId, ts: ts() }];
    }
    case "replay": {
      const runId = frame.run_id.toLowerCase();
      const run = isUuid(runId) ? await findRun(services.pool, session.userId, runId) : null;
      if (run === null) return [errorFrame("not_found", "No run with that id.", session.correlationId)];
      // Live events of the run wait while its stored ones are read and sent: the socket gets
      // the run in seq order, each event once.
      session.replays?.hold(run.id);
      let events: unknown[] = [];
      try {
        events = await listRunEvents(services.pool, session.userId, run.id, frame.after_seq);
      } finally {
        const last = (events.at(-1) as { seq?: number } | undefined)?.seq ?? frame.after_seq ?? 0;
        session.replays?.answered(run.id, last);
      }
      // A client replaying a run is picking up where it left off (after a reconnect, mostly).
      services.log.info("session_resumed", {
        session_id: session.sessionId,
        user: session.userId,
        run_id: run.id,
        after_seq: frame.after_seq ?? 0,
        replayed: events.length,
      });
      return [
        ...(events as object[]),
        { type: "replay_done", run_id: run.id, ...withId, count: events.length, ts: ts() },
      ];
    }
  }
}
