import type { WsClient } from "@assay/ws";

/** Frame types that answer a client message (error frames carry no request id, so order decides). */
const ANSWERS = new Set(["error", "project_switched", "replay_done", "pong"]);

/**
 * Sends `frame` (an object as JSON, a string as is) and resolves with the first answer frame (`error`, `project_switched`,
 * `replay_done`, `pong`) that arrives after it. Send one message at a time per socket: error
 * frames carry no request id.
 *
 * @example
 * const answer = await askWs(client, { type: "switch_project", project_id });
 */
export async function askWs(
  client: WsClient,
  frame: Record<string, unknown> | string,
  timeout = 5000,
): Promise<Record<string, unknown>> {
  const before = new Set(client.frames.map((f) => f.data));
  // A string goes out as is: the way to send text that is not JSON, or not an object.
  if (typeof frame === "string") client.sendRaw(frame);
  else client.send(frame);
  const answer = await client.waitFor(
    (data) =>
      !before.has(data) &&
      typeof data === "object" &&
      data !== null &&
      ANSWERS.has(String((data as { type?: unknown }).type)),
    { timeout },
  );
  return answer.data as Record<string, unknown>;
}
