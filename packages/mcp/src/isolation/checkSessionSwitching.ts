import { askTool, callToolOk } from "./callTool.ts";
import type { McpToolClient } from "./McpToolClient.ts";

/** Two MCP sessions of one user, each meant to work in its own project. */
export type SessionSwitchingInput = {
  sessions: [McpToolClient, McpToolClient];
  /** The project each session switches to (same order as `sessions`). */
  projects: [string, string];
  /** Switch-lock-list rounds per session, run concurrently (default 10). */
  rounds?: number;
  /** Unique per run, so topics of one check never meet another's. */
  tag: string;
};

type Context = { project_id?: unknown; topic?: unknown };
const isContext = (v: unknown): v is Context => typeof v === "object" && v !== null;

/**
 * The session era's project isolation through MCP: two sessions of one user switch projects and
 * lock, list and recall contexts concurrently. Each session must only ever act in and see the
 * project it switched to: a context locked in session 1 lands in project 1, session 1's
 * `list_contexts` and `get_memory` hold no context of project 2, `recall_context` of the other
 * session's topic finds nothing, `current_project` reports project 1. Returns one line per
 * breach, naming the session, round and tool; empty when isolated.
 *
 * @example
 * const problems = await checkSessionSwitching({ sessions: [s1, s2], projects: [p1, p2], tag: "run7" });
 */
export async function checkSessionSwitching(input: SessionSwitchingInput): Promise<string[]> {
  const rounds = input.rounds ?? 10;
  const problems: string[] = [];
  const run = async (index: 0 | 1): Promise<void> => {
    const client = input.sessions[index];
    const mine = input.projects[index];
    const theirs = input.projects[index === 0 ? 1 : 0];
    const other = index === 0 ? 2 : 1;
    const label = `session ${index + 1}`;
    for (let round = 0; round < rounds; round++) {
      const where = `${label}, round ${round + 1}`;
      await callToolOk(client, "switch_project", { project_id: mine });
      const topic = `${input.tag}-s${index + 1}-r${round}`;
      const locked = (await callToolOk(client, "lock_context", { topic, content: `content of ${topic}` }))
        .context as Context;
      if (locked?.project_id !== mine)
        problems.push(
          `${where}: lock_context locked "${topic}" in project ${String(locked?.project_id)}, not in the session's project ${mine}`,
        );
      const listed = await callToolOk(client, "list_contexts", { limit: 100 });
      const items = (Array.isArray(listed.items) ? listed.items : []).filter(isContext);
      const foreign = items.filter((c) => c.project_id !== mine);
      if (foreign.length > 0)
        problems.push(
          `${where}: list_contexts shows ${foreign.length} context(s) of project ${String(foreign[0]?.project_id)}${foreign.some((c) => c.project_id === theirs) ? ` (session ${other}'s project)` : ""}`,
        );
      if (!items.some((c) => c.topic === topic))
        problems.push(`${where}: list_contexts misses "${topic}", just locked in this session's project`);
      const recalled = await askTool(client, "recall_context", { topic: `${input.tag}-s${other}-r${round}` });
      if (recalled.kind === "data" && recalled.structured.found === true)
        problems.push(`${where}: recall_context found session ${other}'s topic in this session's project`);
      const current = await callToolOk(client, "current_project", {});
      const currentId = (current.project as { id?: unknown } | undefined)?.id;
      if (currentId !== mine)
        problems.push(`${where}: current_project reports ${String(currentId)}, not ${mine}`);
    }
  };
  await Promise.all([run(0), run(1)]);
  return problems;
}

/**
 * Throws, listing every breach, when `checkSessionSwitching` found any.
 *
 * @example
 * assertSessionSwitching(await checkSessionSwitching(input));
 */
export function assertSessionSwitching(problems: readonly string[]): void {
  if (problems.length === 0) return;
  throw new Error(
    `[assay/mcp] MCP sessions of one user crossed projects: ${problems.length} breach(es):\n${problems.map((p) => `  ${p}`).join("\n")}`,
  );
}
