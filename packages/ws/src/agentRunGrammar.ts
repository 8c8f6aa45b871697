import { defineRunGrammar } from "./defineRunGrammar.ts";

const body = ["agent_thinking", "tool_executing", "agent_completed", "agent_error"];

/**
 * The agent grammar of the reference backend, the default of `checkRunGrammar` and
 * `toFollowRunGrammar`:
 * `agent_started (agent_thinking | tool_executing tool_completed)* (agent_completed | agent_error)`;
 * tool pairs share `tool_call_id` and `tool_name`; `seq` is 1, 2, 3…; one `conversation_id` per run;
 * each event matches its `ws/` contract.
 *
 * @example
 * checkRunGrammar(frames, { grammar: agentRunGrammar }); // the same as checkRunGrammar(frames)
 */
export const agentRunGrammar = defineRunGrammar({
  start: "agent_started",
  next: {
    agent_started: body,
    agent_thinking: body,
    tool_executing: ["tool_completed"],
    tool_completed: body,
  },
  terminal: ["agent_completed", "agent_error"],
  runKey: "run_id",
  seqKey: "seq",
  sameKeys: ["conversation_id"],
  pairs: [
    {
      open: "tool_executing",
      close: "tool_completed",
      keys: ["tool_call_id", "tool_name"],
      name: "tool call",
    },
  ],
  contracts: true,
});
