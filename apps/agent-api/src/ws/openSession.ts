import type { WebSocket } from "ws";
import type { Session } from "../db/sessionStore.ts";
import { hasFault } from "../faults.ts";
import type { User } from "../http/Route.ts";
import { describeError } from "../log.ts";
import { logContext } from "../logContext.ts";
import type { Services } from "../Services.ts";
import { answerClientFrame, type SocketSession } from "./answerClientFrame.ts";
import { closeOnExpiry } from "./closeOnExpiry.ts";

/** Past this many client frames waiting for their answer, the socket is closed with 1008. */
export const MAX_PENDING_FRAMES = 1000;

/**
 * Starts a session on an accepted socket whose session row already exists: registers it under
 * its user, closes it when the token expires, sends `session_ready`, and answers every client
 * frame in the order they came (a `switch_project` then a `replay` are answered in that order).
 * @example wss.handleUpgrade(req, socket, head, (ws) => openSession(services, ws, { user, exp, session, correlationId }));
 */
export function openSession(
  services: Services,
  ws: WebSocket,
  opened: { user: User; exp: number; session: Session; correlationId: string },
): void {
  const { user, session } = opened;
  // A replay's hold on the run's live events ends once its answer is on the wire.
  const replayed: Array<{ runId: string; lastSeq: number }> = [];
  const state: SocketSession = {
    sessionId: session.id,
    userId: user.id,
    correlationId: opened.correlationId,
    replays: {
      hold: (runId) => services.sockets.holdRun(ws, runId),
      answered: (runId, lastSeq) => replayed.push({ runId, lastSeq }),
    },
  };
  services.sockets.add(user.id, ws);
  closeOnExpiry(ws, opened.exp, () => hasFault(user.id, "accept_expired"));
  ws.on("error", (error) =>
    services.log.debug("ws_error", { session_id: session.id, ...describeError(error) }),
  );
  let queue = Promise.resolve();
  let pending = 0;
  ws.on("message", (data, isBinary) => {
    if (++pending > MAX_PENDING_FRAMES) {
      ws.close(1008, "too many frames in flight");
      return;
    }
    const raw = isBinary ? "" : data.toString();
    // Frames are answered in the socket's own context: their log lines carry its correlation id.
    const context = { correlationId: opened.correlationId, userId: user.id };
    queue = queue
      .then(() =>
        logContext.run(context, async () => {
          try {
            for (const frame of await answerClientFrame(services, state, raw)) ws.send(JSON.stringify(frame));
          } finally {
            for (const { runId, lastSeq } of replayed.splice(0))
              services.sockets.releaseRun(ws, runId, lastSeq);
          }
        }),
      )
      .catch((error: unknown) => {
        services.log.error("ws_frame_failed", { session_id: session.id, ...describeError(error) });
        ws.close(1011, "internal error");
      })
      .finally(() => pending--);
  });
  ws.send(
    JSON.stringify({
      type: "session_ready",
      session_id: session.id,
      user_id: user.id,
      project_id: session.project_id,
      ts: new Date().toISOString(),
    }),
  );
}
