import type { WebSocket } from "ws";

/** The close code of a socket whose token expired while it was open. */
export const TOKEN_EXPIRED_CLOSE_CODE = 4401;
// setTimeout holds at most 2^31-1 ms (~24.8 days); longer waits are taken in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Closes the socket with 4401 `token expired` at the token's `exp` (seconds since the epoch).
 * `tolerated` is asked when the moment comes (the `accept_expired` fault keeps it open).
 * The timer is cleared when the socket closes first.
 * @example closeOnExpiry(ws, claims.exp, () => hasFault(user.id, "accept_expired"));
 */
export function closeOnExpiry(ws: WebSocket, exp: number, tolerated: () => boolean): void {
  let timer: NodeJS.Timeout | undefined;
  const check = () => {
    const left = exp * 1000 - Date.now();
    // Timers may fire a little early against the wall clock: wait out the rest.
    if (left > 0) {
      timer = setTimeout(check, Math.min(left, MAX_TIMER_MS));
      return;
    }
    if (!tolerated()) ws.close(TOKEN_EXPIRED_CLOSE_CODE, "token expired");
  };
  check();
  ws.once("close", () => clearTimeout(timer));
}
