// @ts-check
import { formatEvent } from "./formatEvent.js";

/** @typedef {import("./formatEvent.js").RunEvent & { run_id: string, content?: string }} Event */

/**
 * Draws a run's events (sorted by seq) into the event list, its status and the assistant's
 * reply; returns the status read from the last event.
 * @param {Event[]} events
 * @param {{ list: HTMLElement, status: HTMLElement, reply: HTMLElement }} view
 * @returns {"running" | "completed" | "failed"}
 * @example renderRun([...events], { list, status, reply }) // "completed"
 */
export function renderRun(events, view) {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  const startedTs = sorted.find((event) => event.type === "agent_started")?.ts ?? sorted[0]?.ts ?? "";
  view.list.replaceChildren(
    ...sorted.map((event) => {
      const item = document.createElement("li");
      item.dataset.testid = "event-item";
      item.dataset.type = event.type;
      item.dataset.seq = String(event.seq);
      item.textContent = formatEvent(event, startedTs);
      return item;
    }),
  );
  const last = sorted.at(-1);
  const status =
    last?.type === "agent_completed" ? "completed" : last?.type === "agent_error" ? "failed" : "running";
  view.status.textContent = status;
  view.status.dataset.state = status;
  if (last?.type === "agent_completed") view.reply.textContent = last.content ?? "";
  else view.reply.textContent = last?.error ? `Error: ${last.error.message}` : "";
  return status;
}
