// @ts-check

/**
 * @typedef {object} RunEvent
 * @property {string} type
 * @property {number} seq
 * @property {string} ts
 * @property {string} [tool_name]
 * @property {{ code: string, message: string }} [error]
 */

/**
 * Milliseconds from the run's start to an event, from the server's own timestamps.
 * @param {RunEvent} event
 * @param {string} startedTs the `ts` of the run's `agent_started`
 * @returns {number}
 * @example msSinceStart({ type: "agent_thinking", seq: 2, ts: "…:00.012Z" }, "…:00.000Z") // 12
 */
export function msSinceStart(event, startedTs) {
  const ms = Date.parse(event.ts) - Date.parse(startedTs);
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

/**
 * The label of one row of the event list: seq, type, a detail, and ms since the run started.
 * @param {RunEvent} event
 * @param {string} startedTs the `ts` of the run's `agent_started`
 * @returns {string}
 * @example formatEvent({ type: "tool_executing", seq: 3, ts, tool_name: "echo" }, startTs) // "#3 tool_executing echo +4 ms"
 */
export function formatEvent(event, startedTs) {
  const detail = event.tool_name ?? event.error?.code ?? "";
  const parts = [`#${event.seq}`, event.type, detail, `+${msSinceStart(event, startedTs)} ms`];
  return parts.filter((part) => part !== "").join(" ");
}
