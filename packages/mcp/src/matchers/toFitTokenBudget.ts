import { formatFailure } from "@assay/contracts";
import type { ExpectMatcherState, MatcherReturnType } from "@playwright/test";
import { encoder, type TokenEncoding } from "./countTokens.ts";

export type ToFitTokenBudgetOptions = {
  /** Default `o200k_base`. */
  encoding?: TokenEncoding;
};

/** One part of the received value and its tokens, for the failure's "biggest parts". */
export type TokenPart = { path: string; tokens: number };

const name = "toFitTokenBudget";
const SHOWN_PARTS = 5;

/**
 * Playwright matcher: passes when the received value costs at most `budget` tokens as a model
 * would read it: a string as is, anything else as compact JSON; what `client.callTool()` or
 * `client.request()` resolves to counts its `result`. The failure shows the count and the biggest
 * parts (a tool list by tool name). Always `await` it.
 *
 * @example
 * await expect(await client.listTools()).toFitTokenBudget(4000);
 * await expect(await client.callTool("health", {})).toFitTokenBudget(20);
 */
export async function toFitTokenBudget(
  this: ExpectMatcherState,
  received: unknown,
  budget: number,
  options: ToFitTokenBudgetOptions = {},
): Promise<MatcherReturnType> {
  if (!Number.isInteger(budget) || budget < 0) {
    throw new Error(
      `[assay/mcp] ${name}: the budget must be a whole number of tokens ≥ 0, got ${String(budget)}.`,
    );
  }
  const value = payload(received);
  const encoding = options.encoding ?? "o200k_base";
  const { countTokens } = await encoder(encoding);
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const tokens = countTokens(text);
  const pass = tokens <= budget;
  return {
    pass,
    name,
    expected: budget,
    actual: tokens,
    message: () => {
      const head = `${tokens} tokens (${encoding}), budget ${budget}`;
      const notes = this.isNot
        ? [`${head}: it fits.`]
        : [
            `${head}: over by ${tokens - budget}.`,
            "Biggest parts:",
            ...biggestParts(value, countTokens).map((part) => `  ${part.path}: ${part.tokens} tokens`),
          ];
      return formatFailure({
        matcherName: name,
        expected: budget,
        isNot: this.isNot,
        notes,
        received: value,
      });
    },
  };
}

function payload(received: unknown): unknown {
  if (received === undefined || typeof received === "function" || received instanceof Promise) {
    throw new Error(
      `[assay/mcp] ${name}: received ${received instanceof Promise ? "a Promise; await it first" : typeof received}. Pass a string, a JSON value or what client.callTool() resolves to.`,
    );
  }
  if (typeof received === "object" && received !== null && "exchange" in received && "response" in received) {
    const response = (received as { response?: { result?: unknown; error?: unknown } }).response;
    return response?.result ?? response?.error ?? null;
  }
  return received;
}

/**
 * The parts of a value that cost the most tokens, biggest first: the members of an object or the
 * items of an array (named by their `name` when they have one), descending into a part that holds
 * most of the whole, so a tool list shows its tools rather than just `tools`.
 *
 * @example
 * biggestParts({ tools: [{ name: "a", description: "…" }] }, countTokens); // [{ path: "tools[0] a", tokens: 812 }]
 */
export function biggestParts(
  value: unknown,
  count: (text: string) => number,
  shown = SHOWN_PARTS,
): TokenPart[] {
  let parts = partsOf(value, "", count);
  for (let depth = 0; depth < 4; depth++) {
    const [first] = parts;
    const total = parts.reduce((sum, part) => sum + part.tokens, 0);
    if (first === undefined || (parts.length > 1 && first.tokens < total * 0.8)) break;
    const inner = partsOf(first.node, first.path, count);
    if (inner.length === 0) break;
    parts = inner;
  }
  return parts.slice(0, shown).map(({ path, tokens }) => ({ path, tokens }));
}

function partsOf(node: unknown, prefix: string, count: (text: string) => number) {
  if (!isContainer(node)) return [];
  const entries = Array.isArray(node)
    ? node.map((item, index) => {
        const label = (item as { name?: unknown } | null)?.name;
        return [`${prefix}[${index}]${typeof label === "string" ? ` ${label}` : ""}`, item] as const;
      })
    : Object.entries(node).map(([key, item]) => [prefix === "" ? key : `${prefix}.${key}`, item] as const);
  return entries
    .map(([path, item]) => ({ path, node: item, tokens: count(JSON.stringify(item) ?? "") }))
    .sort((a, b) => b.tokens - a.tokens);
}

function isContainer(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}
