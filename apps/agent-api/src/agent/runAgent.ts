import { randomUUID } from "node:crypto";
import { RunEndedError } from "../db/runStore.ts";
import { describeError } from "../log.ts";
import type { Services } from "../Services.ts";
import { askUpstream } from "./askUpstream.ts";
import { RunAbortedError, UpstreamError } from "./callUpstream.ts";
import { createRunEmitter } from "./createRunEmitter.ts";
import { runTool, TOOL_DEFINITIONS } from "./tools.ts";

/** At most this many upstream calls per run. */
export const MAX_STEPS = 8;
/** The model name sent upstream. */
export const MODEL = "assay-reference";
const SYSTEM_PROMPT = "You are Assay's reference agent. Use the tools when asked; answer briefly.";

/** What a run needs to know about the message that started it. */
export type RunInput = {
  runId: string;
  conversationId: string;
  ownerId: string;
  messageId: string;
  content: string;
};

/**
 * Runs the agent loop for one user message: each step asks the upstream, runs the tools it
 * calls, and stops at content, an error or {@link MAX_STEPS}. Every path ends the run.
 * @example services.runs.start(run.id, (signal) => runAgent(services, input, signal));
 */
export async function runAgent(services: Services, input: RunInput, signal: AbortSignal): Promise<void> {
  const run = createRunEmitter(services, input);
  const fail = async (code: string, message: string) => {
    services.metrics.agentRuns.inc({ outcome: "failed" });
    await run.finish("failed", "agent_error", { error: { code, message } });
  };
  let project: Promise<string | null> | undefined;
  const projectOfRun = () => {
    project ??= services.pool
      .query<{ project_id: string | null }>(
        "SELECT project_id FROM conversations WHERE id = $1 AND owner_id = $2",
        [input.conversationId, input.ownerId],
      )
      .then((result) => result.rows[0]?.project_id ?? null);
    return project;
  };
  try {
    await run.emit("agent_started", { message_id: input.messageId });
    const messages: object[] = [
      { role: "system", content: SYSTEM_PROMPT },
      { role: "user", content: input.content },
    ];
    for (let step = 1; step <= MAX_STEPS; step++) {
      if (signal.aborted) throw new RunAbortedError();
      await run.emit("agent_thinking", { step });
      const completion = await askUpstream(services, {
        signal,
        body: { model: MODEL, messages, tools: TOOL_DEFINITIONS },
      });
      if (completion.kind === "content") {
        const id = randomUUID();
        services.metrics.agentRuns.inc({ outcome: "completed" });
        await run.finish(
          "completed",
          "agent_completed",
          { message_id: id, content: completion.content },
          {
            id,
            content: completion.content,
          },
        );
        return;
      }
      messages.push(completion.turn);
      for (const call of completion.calls) {
        const toolCallId = `call_${randomUUID()}`;
        const named = { tool_call_id: toolCallId, tool_name: call.name };
        await run.emit("tool_executing", { ...named, input: call.input });
        const started = performance.now();
        let output: Record<string, unknown>;
        let failure: string | null = null;
        try {
          output = runTool(call.name, call.input);
        } catch (error) {
          failure = error instanceof Error ? error.message : "The tool failed.";
          output = { error: "tool_failed" };
        }
        const duration = Math.round((performance.now() - started) * 1000) / 1000;
        const result = failure === null ? "ok" : "failed";
        // Tool names come from the upstream: unknown ones share one label, so the series stay few.
        const known = TOOL_DEFINITIONS.some((tool) => tool.function.name === call.name);
        services.metrics.toolCalls.inc({ tool: known ? call.name : "other", result });
        services.log.info("tool_call", {
          tool: call.name.slice(0, 64),
          project: await projectOfRun(),
          execution_ms: duration,
          result,
          run_id: input.runId,
        });
        await run.emit("tool_completed", { ...named, output, duration_ms: duration });
        if (failure !== null) return await fail("tool_failed", `Tool "${call.name}" failed: ${failure}`);
        messages.push({ role: "tool", tool_call_id: call.id, content: JSON.stringify(output) });
      }
    }
    await fail("internal", `The agent stopped after ${MAX_STEPS} steps without an answer.`);
  } catch (error) {
    // Ended elsewhere (shutdown or restart stored its agent_error), or its own terminal event
    // failed to store and was already sent: nothing may follow.
    if (error instanceof RunEndedError || run.ended) return;
    if (!(error instanceof UpstreamError))
      services.log.error("run_failed", { run_id: input.runId, ...describeError(error) });
    if (error instanceof UpstreamError) await fail(error.code, error.message);
    else if (error instanceof RunAbortedError) await fail("internal", error.message);
    else await fail("internal", "The run failed unexpectedly.");
  }
}
