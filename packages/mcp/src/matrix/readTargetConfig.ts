import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { McpInputError } from "./McpInputError.ts";
import type { McpEra } from "./ToolMatrix.ts";
import schema from "./targetConfig.schema.json" with { type: "json" };

/** How the matrix treats one tool of a target. */
export type ToolConfig = {
  args?: Record<string, unknown>;
  /** Argument name → `<tool>#<JSON pointer into that tool's structuredContent>`. */
  args_from?: Record<string, string>;
  after?: string[];
  skip?: string;
  call_on_shared_target?: boolean;
};
/** One failure a target is known to have, until `expires` (inclusive). */
export type ExpectedFailure = {
  tool: string;
  case: string;
  owner: string;
  reason: string;
  expires: string;
  era?: McpEra;
};
/** Token budgets: whole `tools/list`, discovery results, and one tool's result by tool name. */
export type TokenBudgets = {
  "tools/list"?: number;
  initialize?: number;
  "server/discover"?: number;
  tools?: Record<string, number>;
};
/** A target config (`packages/mcp/targets/<name>.json`), validated. */
export type TargetConfig = {
  name: string;
  description?: string;
  seed?: number;
  timeout_ms?: number;
  tools: Record<string, ToolConfig>;
  eras?: Partial<Record<McpEra, { tools?: Record<string, ToolConfig> }>>;
  token_budgets: TokenBudgets;
  expected_failures: ExpectedFailure[];
};

// The release gate imports this package's matrix judge, so this package cannot import the gate
// (a dependency cycle); its two-line date check lives here as well.
const isIsoDate = (text: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);

const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

/**
 * Validates a parsed target config against `targetConfig.schema.json` and the rules a schema
 * cannot say (real calendar dates, one entry per tool and case). The error is one line naming
 * the source, the JSON path and the rule.
 *
 * @example
 * parseTargetConfig({ name: "mine", tools: { rename: { args_from: { id: "create#/id" } } } }, "mine.json");
 */
export function parseTargetConfig(value: unknown, source: string): TargetConfig {
  if (!validate(value)) {
    const [first] = validate.errors ?? [];
    const where = first?.instancePath || "/";
    const extra =
      first?.params && "additionalProperty" in first.params ? ` '${first.params.additionalProperty}'` : "";
    throw new McpInputError(
      `config ${source}: ${where} ${first?.message ?? "is invalid"}${extra} (rule: ${first?.keyword ?? "schema"}); see packages/mcp/README.md`,
    );
  }
  const config = value as Partial<TargetConfig>;
  const seen = new Set<string>();
  (config.expected_failures ?? []).forEach((entry, i) => {
    const where = `config ${source}: /expected_failures/${i}`;
    if (!isIsoDate(entry.expires))
      throw new McpInputError(`${where}/expires "${entry.expires}" is not a real date (rule: calendar date)`);
    const key = `${entry.tool} ${entry.case} ${entry.era ?? "both"}`;
    if (seen.has(key))
      throw new McpInputError(
        `${where} lists ${entry.tool} › ${entry.case} twice (rule: one entry per case)`,
      );
    seen.add(key);
  });
  return {
    ...config,
    name: config.name ?? source,
    tools: config.tools ?? {},
    token_budgets: config.token_budgets ?? {},
    expected_failures: config.expected_failures ?? [],
  };
}

/**
 * Reads and validates a target config file.
 *
 * @example
 * const config = readTargetConfig("packages/mcp/targets/reference.json");
 */
export function readTargetConfig(path: string): TargetConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new McpInputError(
      `config ${path} ${code === "ENOENT" ? "not found" : `unreadable (${code})`}; pass --config <file>`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new McpInputError(`config ${path} is not valid JSON (${(error as Error).message}); fix the file`);
  }
  return parseTargetConfig(value, path);
}

/**
 * The settings of one tool in one era: `eras.<era>.tools.<tool>` laid over `tools.<tool>`.
 *
 * @example
 * toolConfig(config, "stateless", "current_project").args_from; // { project_handle: "switch_project#/project_handle" }
 */
export function toolConfig(config: TargetConfig, era: McpEra, tool: string): ToolConfig {
  const base = config.tools[tool] ?? {};
  const over = config.eras?.[era]?.tools?.[tool] ?? {};
  return {
    ...base,
    ...over,
    args: { ...base.args, ...over.args },
    args_from: { ...base.args_from, ...over.args_from },
  };
}
