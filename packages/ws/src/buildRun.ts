import { randomUUID } from "node:crypto";

/**
 * Test support (not exported): the events of one valid run, from a compact script. `thinking`
 * adds agent_thinking, `tool:NAME` adds a tool_executing/tool_completed pair, `completed` or
 * `error` ends it; agent_started is added first. Every event is valid against its contract.
 *
 * @example
 * const events = buildRun(["thinking", "tool:echo", "thinking", "completed"]);
 */
export function buildRun(
  script: string[],
  ids: { runId?: string; conversationId?: string } = {},
): Record<string, unknown>[] {
  const run_id = ids.runId ?? randomUUID();
  const conversation_id = ids.conversationId ?? randomUUID();
  const ts = "2025-06-01T12:00:00.000Z";
  const events: Record<string, unknown>[] = [];
  const add = (type: string, extra: Record<string, unknown>) =>
    events.push({ type, run_id, conversation_id, seq: events.length + 1, ts, ...extra });
  add("agent_started", { message_id: randomUUID() });
  let step = 0;
  let call = 0;
  for (const item of script) {
    if (item === "thinking") add("agent_thinking", { step: ++step });
    else if (item === "completed") add("agent_completed", { message_id: randomUUID(), content: "done" });
    else if (item === "error")
      add("agent_error", { error: { code: "upstream_error", message: "Upstream answered 500." } });
    else if (item.startsWith("tool:")) {
      const tool_name = item.slice(5);
      const tool_call_id = `call_${++call}`;
      add("tool_executing", { tool_call_id, tool_name, input: { text: "hi" } });
      add("tool_completed", { tool_call_id, tool_name, output: { text: "hi" }, duration_ms: 1 });
    } else throw new Error(`[assay/ws] buildRun: unknown script item ${JSON.stringify(item)}`);
  }
  return events;
}
