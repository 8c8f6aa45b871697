import type { WsClient } from "@assay/ws";
import type { AttackAttempt } from "../src/index.ts";

/**
 * The protocol has no in-band credential: a live session never takes a token after the
 * upgrade. So "on a live socket" means presenting the forged token where one could be slipped in,
 * inside client frames of another user's open session (`authenticate`, and `replay` of the
 * victim's run carrying the token), and checking it grants nothing: every answer is an `error`
 * frame and no frame of the victim's run reaches the socket.
 *
 * @example
 * const attempt = await presentOnLiveSocket(bobWs, "alg-none", token, aliceRunId);
 */
export async function presentOnLiveSocket(
  ws: WsClient,
  variant: string,
  token: string,
  victimRunId: string,
): Promise<AttackAttempt> {
  const answers: Array<Record<string, unknown>> = [];
  for (const frame of [
    { type: "authenticate", token },
    { type: "replay", run_id: victimRunId, id: variant, token },
    {
      type: "replay",
      run_id: victimRunId,
      id: variant,
      access_token: token,
      authorization: `Bearer ${token}`,
    },
  ]) {
    answers.push(await ask(ws, frame));
  }
  const leaked = ws.frames.some((f) => (f.data as { run_id?: unknown } | null)?.run_id === victimRunId);
  const granted = answers.some((a) => a.type !== "error");
  return {
    variant,
    surface: "ws-live",
    status: 0,
    accepted: leaked || granted,
    wwwAuthenticate: undefined,
    body: answers.map((a) => String(a.type)).join(","),
  };
}

async function ask(ws: WsClient, frame: Record<string, unknown>): Promise<Record<string, unknown>> {
  const before = new Set(ws.frames.map((f) => f.data));
  ws.send(frame);
  const answer = await ws.waitFor(
    (data) =>
      !before.has(data) &&
      typeof data === "object" &&
      data !== null &&
      ["error", "replay_done", "project_switched", "session_ready"].includes(
        String((data as { type?: unknown }).type),
      ),
    { timeout: 5000 },
  );
  return answer.data as Record<string, unknown>;
}
