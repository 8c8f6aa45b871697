import { WebSocket } from "ws";

/**
 * The open sockets of each user, so a run's events reach every tab of its owner and no one else.
 * @example registry.add(user.id, socket); registry.send(user.id, { type: "pong", ts });
 */
export class SocketRegistry {
  #byUser = new Map<string, Set<WebSocket>>();
  /** Per socket, the runs being replayed on it: their live frames wait for the replay. */
  #held = new Map<WebSocket, Map<string, { frames: Array<{ seq: number }> }>>();

  /** Registers a socket; it leaves the registry by itself when it closes. */
  add(userId: string, socket: WebSocket): void {
    const sockets = this.#byUser.get(userId) ?? new Set<WebSocket>();
    sockets.add(socket);
    this.#byUser.set(userId, sockets);
    socket.once("close", () => {
      this.#held.delete(socket);
      sockets.delete(socket);
      if (sockets.size === 0 && this.#byUser.get(userId) === sockets) this.#byUser.delete(userId);
    });
  }

  /**
   * Sends one JSON frame to every open socket of a user; returns how many got it. A run event
   * for a socket that is replaying that run waits until the replay is sent ({@link releaseRun}).
   */
  send(userId: string, frame: object): number {
    const data = JSON.stringify(frame);
    const runId = (frame as { run_id?: unknown }).run_id;
    const seq = (frame as { seq?: unknown }).seq;
    let sent = 0;
    for (const socket of this.#byUser.get(userId) ?? []) {
      if (socket.readyState !== WebSocket.OPEN) continue;
      const held = typeof runId === "string" ? this.#held.get(socket)?.get(runId) : undefined;
      if (held !== undefined && typeof seq === "number") held.frames.push({ ...frame, seq });
      else socket.send(data);
      sent++;
    }
    return sent;
  }

  /**
   * Holds the live events of `runId` for `socket` while its stored events are read and sent
   * (a `replay`): without it a live event read after the query but sent before the replay's
   * frames reaches the client out of seq order.
   */
  holdRun(socket: WebSocket, runId: string): void {
    const runs = this.#held.get(socket) ?? new Map<string, { frames: Array<{ seq: number }> }>();
    runs.set(runId, runs.get(runId) ?? { frames: [] });
    this.#held.set(socket, runs);
  }

  /**
   * Ends a hold once the replay's frames were sent: the live events held meanwhile follow, by
   * seq, each once, and only those after `lastSeq` (the last seq the replay sent or the client
   * already had): the socket's stream of the run stays in seq order without repeats.
   */
  releaseRun(socket: WebSocket, runId: string, lastSeq: number): void {
    const runs = this.#held.get(socket);
    const held = runs?.get(runId);
    if (runs === undefined || held === undefined) return;
    runs.delete(runId);
    if (runs.size === 0) this.#held.delete(socket);
    let last = lastSeq;
    for (const frame of held.frames.sort((a, b) => a.seq - b.seq)) {
      if (frame.seq <= last || socket.readyState !== WebSocket.OPEN) continue;
      socket.send(JSON.stringify(frame));
      last = frame.seq;
    }
  }

  /**
   * Sends one JSON frame to every open socket of each of these users. Only the `leak_events`
   * fault calls this with users other than the owner (and `load_leak_event` calls `send` with
   * one), to prove the suites notice a leak; nothing else may.
   */
  sendToUsers(userIds: Iterable<string>, frame: object): number {
    let sent = 0;
    for (const userId of new Set(userIds)) sent += this.send(userId, frame);
    return sent;
  }

  /** How many sockets are open, over all users. */
  get size(): number {
    let total = 0;
    for (const sockets of this.#byUser.values()) total += sockets.size;
    return total;
  }

  /** Closes every socket (shutdown): 1001 "going away". */
  closeAll(): void {
    for (const sockets of this.#byUser.values()) {
      for (const socket of sockets) socket.close(1001, "server shutting down");
    }
  }
}
