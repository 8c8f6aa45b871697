import { WebSocket } from "ws";

/**
 * The open sockets of each user, so a run's events reach every tab of its owner and no one else.
 * @example registry.add(user.id, socket); registry.send(user.id, { type: "pong", ts });
 */
export class SocketRegistry {
  #byUser = new Map<string, Set<WebSocket>>();

  /** Registers a socket; it leaves the registry by itself when it closes. */
  add(userId: string, socket: WebSocket): void {
    const sockets = this.#byUser.get(userId) ?? new Set<WebSocket>();
    sockets.add(socket);
    this.#byUser.set(userId, sockets);
    socket.once("close", () => {
      sockets.delete(socket);
      if (sockets.size === 0 && this.#byUser.get(userId) === sockets) this.#byUser.delete(userId);
    });
  }

  /** Sends one JSON frame to every open socket of a user; returns how many got it. */
  send(userId: string, frame: object): number {
    const data = JSON.stringify(frame);
    let sent = 0;
    for (const socket of this.#byUser.get(userId) ?? []) {
      if (socket.readyState !== WebSocket.OPEN) continue;
      socket.send(data);
      sent++;
    }
    return sent;
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
