import { applyBaseline } from "./applyBaseline.ts";
import { type CallTool, callWithTimeout } from "./callWithTimeout.ts";
import { type CompiledSchema, compileToolSchema } from "./compileToolSchema.ts";
import { createMutants } from "./createMutants.ts";
import { generateValidArgs, toolSeed } from "./generateValidArgs.ts";
import { judgeInvalidCall, judgeValidCall } from "./judgeCall.ts";
import { isDestructive, planCalls, sourceTool } from "./planCalls.ts";
import { type TargetConfig, toolConfig } from "./readTargetConfig.ts";
import { summarizeMatrix } from "./summarizeMatrix.ts";
import type { MatrixCase, MatrixTool, McpEra, TokenCount, ToolMatrix } from "./ToolMatrix.ts";

/** A tool as `tools/list` describes it (the fields the matrix reads). */
export type ListedTool = {
  name: string;
  inputSchema?: unknown;
  outputSchema?: unknown;
  annotations?: { readOnlyHint?: boolean; destructiveHint?: boolean };
  execution?: { taskSupport?: string };
};

/** The part of an MCP client the matrix uses (`McpClient` of `@assay/mcp` fits). */
export type MatrixClient = {
  era: McpEra;
  protocolVersion: string;
  serverInfo?: unknown;
  listTools(): Promise<ListedTool[]>;
  callTool: CallTool;
  /** Problems the client recorded on its exchanges (schema breaches, unparseable bodies). */
  problems?(): string[];
};

export type RunToolMatrixOptions = {
  client: MatrixClient;
  config: TargetConfig;
  /** Shown in the report; never carries a token. */
  url: string;
  runId: string;
  /** The generator's seed; print it so a failure reproduces. */
  seed: number;
  /** A shared target (staging): destructive tools are called only when opted in. */
  shared: boolean;
  /** Counts the tokens of a text (o200k_base in the suites); without it the matrix counts none. */
  countTokens?: (text: string) => number;
  /** Call only these tools (the others are listed and their schemas checked); default all. */
  only?: readonly string[];
  /** Called after each case, e.g. to print progress. */
  onCase?: (c: MatrixCase) => void;
  now?: () => Date;
};

const DEFAULT_TIMEOUT_MS = 15_000;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Follows a JSON pointer (`/a/0/b`) into a value; undefined when it leads nowhere. */
export function readPointer(value: unknown, pointer: string): unknown {
  if (pointer === "" || pointer === "/") return value;
  return pointer
    .slice(1)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, part) => {
      if (Array.isArray(node)) return node[Number(part)];
      return isRecord(node) ? node[part] : undefined;
    }, value);
}

/**
 * What a model reads of a tool result: its text blocks, or its `structuredContent` as JSON when
 * it has none. Protocol envelope (`_meta`, `resultType`) and the duplicate of the text in
 * `structuredContent` are not what an agent pays for, so token budgets of tools count this.
 *
 * @example
 * modelText({ content: [{ type: "text", text: '{"status":"healthy"}' }], structuredContent: { status: "healthy" } });
 * // '{"status":"healthy"}'
 */
export function modelText(result: unknown): string {
  if (!isRecord(result)) return "";
  const texts = (Array.isArray(result.content) ? result.content : [])
    .map((c) => (isRecord(c) && typeof c.text === "string" ? c.text : ""))
    .filter(Boolean);
  if (texts.length > 0) return texts.join("\n");
  return "structuredContent" in result ? JSON.stringify(result.structuredContent) : "";
}

/**
 * Runs the tool matrix against one connected MCP server: lists every tool, compiles each schema
 * (strict 2020-12 unless declared otherwise), calls each tool in dependency order with seeded
 * valid arguments and with every mutant ajv confirms invalid, judges each answer, applies the
 * target's expected failures, and counts tokens. Mutants go before the valid call, so a
 * destructive tool's valid call does not remove what its mutants still name.
 *
 * @example
 * const matrix = await runToolMatrix({ client, config, url, runId: target.runId, seed: 42, shared: false });
 * matrix.verdict; // "pass"
 */
export async function runToolMatrix(options: RunToolMatrixOptions): Promise<ToolMatrix> {
  const { client, config, seed } = options;
  const now = options.now ?? (() => new Date());
  const started = performance.now();
  const timeoutMs = config.timeout_ms ?? DEFAULT_TIMEOUT_MS;
  const listed = await client.listTools();
  const callTool: CallTool = (name, args, opts) => client.callTool(name, args, opts);
  const cases: MatrixCase[] = [];
  const add = (c: MatrixCase): void => {
    cases.push(c);
    options.onCase?.(c);
  };
  const compiled = new Map<string, { input: CompiledSchema; output: CompiledSchema | null }>();
  for (const tool of listed) {
    const input = compileToolSchema(tool.inputSchema);
    const output = tool.outputSchema === undefined ? null : compileToolSchema(tool.outputSchema);
    compiled.set(tool.name, { input, output });
    const problems = [
      input.problem && `inputSchema ${input.problem}`,
      output?.problem && `outputSchema ${output.problem}`,
    ].filter(Boolean);
    add({
      tool: tool.name,
      case: "schema",
      kind: "schema",
      status: problems.length === 0 ? "pass" : "fail",
      outcome: problems.length === 0 ? "compiled" : "refused",
      reason: problems.join("; "),
      ms: null,
    });
  }

  const plan = planCalls(listed, config, client.era, options.shared, options.only);
  const outputs = new Map<string, unknown>();
  const results = new Map<string, unknown>();
  const tools: MatrixTool[] = listed.map((tool) => {
    const { input, output } = compiled.get(tool.name) as {
      input: CompiledSchema;
      output: CompiledSchema | null;
    };
    return {
      name: tool.name,
      input: { dialect: input.dialect, compiled: input.compiled },
      output: output && { dialect: output.dialect, compiled: output.compiled },
      destructive: isDestructive(tool),
      ...(plan.skipped.has(tool.name) ? { skipped: plan.skipped.get(tool.name) } : {}),
    };
  });
  for (const tool of listed) {
    const reason = plan.skipped.get(tool.name);
    if (reason !== undefined)
      add({
        tool: tool.name,
        case: "valid",
        kind: "valid",
        status: "skipped",
        outcome: "not called",
        reason,
        ms: null,
      });
  }

  for (const name of plan.order) {
    const tool = listed.find((t) => t.name === name) as ListedTool;
    const entry = tools.find((t) => t.name === name) as MatrixTool;
    const { input, output } = compiled.get(name) as { input: CompiledSchema; output: CompiledSchema | null };
    const fail = (reason: string): void =>
      add({
        tool: name,
        case: "valid",
        kind: "valid",
        status: "fail",
        outcome: "not called",
        reason,
        ms: null,
      });
    if (input.validate === null) {
      fail(`cannot call: the inputSchema ${input.problem}`);
      continue;
    }
    const settings = toolConfig(config, client.era, name);
    const fixed: Record<string, unknown> = { ...settings.args };
    const nowhere: string[] = [];
    const missing: string[] = [];
    for (const [arg, ref] of Object.entries(settings.args_from ?? {})) {
      const from = sourceTool(ref);
      if (!outputs.has(from)) missing.push(`${from}'s valid call failed, so ${arg} has no real value`);
      else {
        const value = readPointer(outputs.get(from), ref.slice(ref.indexOf("#") + 1));
        if (value === undefined) nowhere.push(`${arg}: ${ref} leads nowhere in ${from}'s structuredContent`);
        else fixed[arg] = value;
      }
    }
    if (nowhere.length > 0) {
      fail(`the config's args_from ${nowhere.join("; ")}`);
      continue;
    }
    if (missing.length > 0) {
      add({
        tool: name,
        case: "valid",
        kind: "valid",
        status: "skipped",
        outcome: "not called",
        reason: missing.join("; "),
        ms: null,
      });
      continue;
    }
    const made = generateValidArgs(tool.inputSchema, input.validate, toolSeed(seed, name), fixed);
    entry.seed = made.seed;
    if (!made.ok) {
      fail(made.reason);
      continue;
    }
    for (const mutant of createMutants(tool.inputSchema, made.args)) {
      if (input.validate(mutant.args)) {
        add({
          tool: name,
          case: mutant.case,
          kind: mutant.kind,
          status: "not_sent",
          outcome: "not sent",
          reason: "ajv finds this mutant valid, so it proves nothing",
          ms: null,
        });
        continue;
      }
      const outcome = await callWithTimeout(callTool, name, mutant.args, timeoutMs);
      const judged = judgeInvalidCall(outcome);
      add({
        tool: name,
        case: mutant.case,
        kind: mutant.kind,
        status: judged.ok ? "pass" : "fail",
        outcome: judged.outcome,
        reason: judged.reason,
        ms: round(outcome.ms),
      });
    }
    const outcome = await callWithTimeout(callTool, name, made.args, timeoutMs);
    const judged = judgeValidCall(outcome, output === null ? undefined : output.validate);
    if (outcome.kind === "answer" && isRecord(outcome.message) && isRecord(outcome.message.result)) {
      results.set(name, outcome.message.result);
      if (judged.ok) outputs.set(name, outcome.message.result.structuredContent);
    }
    add({
      tool: name,
      case: "valid",
      kind: "valid",
      status: judged.ok ? "pass" : "fail",
      outcome: judged.outcome,
      reason: judged.reason,
      ms: round(outcome.ms),
    });
  }

  const tokens = countTokens(options, listed, results);
  const { cases: judgedCases, stale } = applyBaseline(cases, config.expected_failures, client.era, now());
  return summarizeMatrix({
    version: 1,
    target: config.name,
    url: options.url,
    era: client.era,
    protocol_version: client.protocolVersion,
    run_id: options.runId,
    seed,
    generated_at: now().toISOString(),
    wall_ms: round(performance.now() - started),
    tools,
    cases: judgedCases,
    tokens,
    stale_baseline: stale,
    config_problems: plan.problems,
    protocol_problems: client.problems?.() ?? [],
  });
}

function countTokens(
  options: RunToolMatrixOptions,
  listed: readonly ListedTool[],
  results: ReadonlyMap<string, unknown>,
): TokenCount[] {
  const count = options.countTokens;
  if (count === undefined) return [];
  const budgets = options.config.token_budgets;
  const entry = (part: string, text: string, budget: number | undefined): TokenCount => {
    const tokens = count(text);
    return { part, tokens, budget: budget ?? null, ok: budget === undefined || tokens <= budget };
  };
  const discovery = options.client.era === "stateless" ? "server/discover" : "initialize";
  const counts = [entry("tools/list", JSON.stringify({ tools: listed }), budgets["tools/list"])];
  if (options.client.serverInfo !== undefined)
    counts.push(entry(discovery, JSON.stringify(options.client.serverInfo), budgets[discovery]));
  for (const [tool, budget] of Object.entries(budgets.tools ?? {})) {
    const result = results.get(tool);
    counts.push(
      result === undefined
        ? { part: `tools/call ${tool}`, tokens: 0, budget, ok: false }
        : entry(`tools/call ${tool}`, modelText(result), budget),
    );
  }
  return counts;
}

const round = (n: number): number => Math.round(n * 10) / 10;
