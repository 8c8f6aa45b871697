import type { McpExchange } from "../client/McpExchange.ts";

/** What a tool matcher was given, read down to the parts it judges. */
export type ToolAnswer = {
  /** How the header names the receiver: `answer`, `response`, `result`. */
  label: string;
  /** The JSON-RPC response, when one was given or was in the answer. */
  response?: Record<string, unknown>;
  /** The tool result (`response.result`, or the value itself). */
  result?: Record<string, unknown>;
  /** The JSON-RPC error, when the answer was one. */
  error?: { code?: unknown; message?: unknown; data?: unknown };
  /** The exchange's problems, when an answer from the client was given. */
  problems: readonly string[];
};

/**
 * Reads a matcher's receiver: what `client.callTool()` resolves to (`{ response, exchange }`), a
 * JSON-RPC response message, or a bare tool result (`{ content, … }`). Anything else is a usage
 * error, thrown (a failure would pass under `.not`), saying what was passed.
 *
 * @example
 * const answer = readToolAnswer("toBeToolResult", await client.callTool("health", {}));
 */
export function readToolAnswer(matcherName: string, received: unknown): ToolAnswer {
  if (received instanceof Promise) {
    throw usage(
      matcherName,
      "Received a Promise. Await it first: expect(await client.callTool(name, args)).",
    );
  }
  if (typeof received !== "object" || received === null || Array.isArray(received)) {
    throw usage(
      matcherName,
      `Received ${received === null ? "null" : Array.isArray(received) ? "an array" : typeof received}. Pass what client.callTool() resolves to, a JSON-RPC response or a tool result.`,
    );
  }
  const value = received as Record<string, unknown>;
  if ("exchange" in value && "response" in value) {
    const exchange = value.exchange as McpExchange;
    const response = value.response as Record<string, unknown> | undefined;
    return { label: "answer", ...fromResponse(response), problems: exchange.problems ?? [] };
  }
  if ("jsonrpc" in value) return { label: "response", ...fromResponse(value), problems: [] };
  if ("content" in value || "structuredContent" in value || "isError" in value) {
    return { label: "result", result: value, problems: [] };
  }
  throw usage(
    matcherName,
    `Received an object with keys ${Object.keys(value).slice(0, 6).join(", ") || "(none)"}, which is no tool answer. Pass what client.callTool() resolves to, a JSON-RPC response or a tool result.`,
  );
}

function fromResponse(response: Record<string, unknown> | undefined): Omit<ToolAnswer, "label" | "problems"> {
  if (response === undefined) return {};
  const result = response.result;
  const error = response.error;
  return {
    response,
    ...(typeof result === "object" && result !== null ? { result: result as Record<string, unknown> } : {}),
    ...(typeof error === "object" && error !== null ? { error: error as ToolAnswer["error"] } : {}),
  };
}

function usage(matcherName: string, problem: string): Error {
  return new Error(`[assay/mcp] ${matcherName}: ${problem}`);
}
