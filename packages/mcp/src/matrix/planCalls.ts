import type { TargetConfig } from "./readTargetConfig.ts";
import { toolConfig } from "./readTargetConfig.ts";
import type { McpEra } from "./ToolMatrix.ts";

/** The part of a listed tool the plan reads. */
export type PlannedTool = {
  name: string;
  annotations?: { readOnlyHint?: boolean; destructiveHint?: boolean };
  execution?: { taskSupport?: string };
};

/** Which tools to call, in which order, and why the others are not called. */
export type CallPlan = {
  order: string[];
  skipped: Map<string, string>;
  /** Config entries that cannot be honoured (unknown tools, cycles): each fails the matrix. */
  problems: string[];
};

/**
 * True when MCP's annotation defaults make a tool destructive: not `readOnlyHint`, and
 * `destructiveHint` not false (the spec's default for it is true).
 *
 * @example
 * isDestructive({ name: "delete_project", annotations: { destructiveHint: true } }); // true
 * isDestructive({ name: "list_projects", annotations: { readOnlyHint: true } }); // false
 */
export function isDestructive(tool: PlannedTool): boolean {
  return tool.annotations?.readOnlyHint !== true && tool.annotations?.destructiveHint !== false;
}

/** The tool an `args_from` value reads: `create_project#/project_id` → `create_project`. */
export const sourceTool = (ref: string): string => ref.slice(0, ref.indexOf("#"));

/**
 * Orders the calls so that a tool runs after every tool it takes arguments from (`args_from`) or
 * must follow (`after`); among tools that are ready, listed order, with destructive tools last so
 * they do not remove what others still use. Skips tools the config skips, destructive tools on a
 * shared target unless opted in (`call_on_shared_target`), tools not in `only` (when given), and
 * tools that depend on a skipped one. Tools that can only run as tasks (`execution.taskSupport:
 * "required"`) are skipped too: the matrix makes plain calls.
 *
 * @example
 * const plan = planCalls(tools, config, "session", target.kind === "staging");
 * plan.order; // ["create_project", "list_projects", …, "delete_project"]
 */
export function planCalls(
  tools: readonly PlannedTool[],
  config: TargetConfig,
  era: McpEra,
  shared: boolean,
  only?: readonly string[],
): CallPlan {
  const listed = new Map(tools.map((t) => [t.name, t]));
  const skipped = new Map<string, string>();
  const problems: string[] = [];
  const eraTools = { ...config.tools, ...config.eras?.[era]?.tools };
  for (const name of Object.keys(eraTools))
    if (!listed.has(name)) problems.push(`the config names tool "${name}", which the server does not list`);
  const deps = new Map<string, string[]>();
  for (const tool of tools) {
    const settings = toolConfig(config, era, tool.name);
    const needs = [...Object.values(settings.args_from ?? {}).map(sourceTool), ...(settings.after ?? [])];
    for (const need of needs)
      if (!listed.has(need))
        problems.push(`tool "${tool.name}" depends on "${need}", which the server does not list`);
    deps.set(tool.name, [...new Set(needs.filter((n) => listed.has(n)))]);
    if (only !== undefined && !only.includes(tool.name)) skipped.set(tool.name, "not selected for this run");
    else if (settings.skip) skipped.set(tool.name, `skipped by the config: ${settings.skip}`);
    else if (tool.execution?.taskSupport === "required")
      skipped.set(
        tool.name,
        "requires task-augmented execution (execution.taskSupport), which the matrix does not do",
      );
    else if (shared && isDestructive(tool) && settings.call_on_shared_target !== true)
      skipped.set(tool.name, "destructive on a shared target (opt in with call_on_shared_target)");
  }
  const order: string[] = [];
  const done = new Set<string>();
  const pending = tools.map((t) => t.name);
  while (pending.length > 0) {
    const ready = pending.filter((name) => (deps.get(name) ?? []).every((d) => done.has(d)));
    if (ready.length === 0) {
      problems.push(`dependency cycle among: ${pending.join(", ")}`);
      for (const name of pending) skipped.set(name, "part of a dependency cycle in the config");
      break;
    }
    const next =
      ready.find((name) => !isDestructive(listed.get(name) as PlannedTool)) ?? (ready[0] as string);
    pending.splice(pending.indexOf(next), 1);
    done.add(next);
    const blocker = (deps.get(next) ?? []).find((d) => skipped.has(d));
    if (!skipped.has(next) && blocker !== undefined)
      skipped.set(next, `depends on "${blocker}", which is not called`);
    if (!skipped.has(next)) order.push(next);
  }
  return { order, skipped, problems };
}
