import { type ContractRegistry, contracts, recordContractUse } from "@assay/contracts";
import { type MessageKind, messageContracts } from "./messageContracts.ts";
import { eraOf, type McpRevision } from "./revisions.ts";

/** Where a message went: `sent` by Assay or `received` from the server. */
export type Direction = "sent" | "received";

export type ValidateMessageOptions = {
  revision: McpRevision;
  direction: Direction;
  /** The method of the request a response answers; read from the message for requests and notifications. */
  method?: string;
  /** Default: this repo's contracts. */
  registry?: ContractRegistry;
};

const RESULT_TYPES = new Set(["complete", "input_required"]);
// The 2025-06-18 schema requires an id on every error, while its own transport lets an HTTP-level
// refusal (403, 400, 404) carry "a JSON-RPC error response that has no id"; 2025-11-25 made the
// id optional. The transport's word wins: that one line is not a problem there.
const IDLESS_ERROR = "/ must have required property 'id'";

/**
 * Reads which JSON-RPC message `value` is from its members, or `undefined` when it is none.
 *
 * @example
 * messageKind({ jsonrpc: "2.0", id: 1, result: {} }); // "result"
 */
export function messageKind(value: unknown): MessageKind | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const message = value as Record<string, unknown>;
  if ("method" in message) return "id" in message ? "request" : "notification";
  if ("result" in message) return "result";
  if ("error" in message) return "error";
  return undefined;
}

/**
 * Checks one JSON-RPC message against the official schema of `revision` (its envelope and its
 * method's message) and returns one line per problem, empty when it is valid. Each contract
 * checked is recorded for contract coverage.
 *
 * @example
 * validateMessage(message, { revision: "2026-07-28", direction: "received", method: "tools/list" });
 * // ["received tools/list result: mcp/2026-07-28/ListToolsResultResponse /result must have required property 'ttlMs'"]
 */
export function validateMessage(value: unknown, options: ValidateMessageOptions): string[] {
  const { revision, direction } = options;
  const registry = options.registry ?? contracts;
  const kind = messageKind(value);
  const message = value as Record<string, unknown>;
  const method = kind === "request" || kind === "notification" ? message.method : options.method;
  const what = `${direction} ${typeof method === "string" ? `${method} ` : ""}${kind ?? "message"}`;
  if (kind === undefined) {
    return [`${what}: not a JSON-RPC request, notification or response: ${preview(value)}`];
  }
  const problems: string[] = [];
  for (const contract of messageContracts(revision, kind, typeof method === "string" ? method : undefined)) {
    recordContractUse(contract.id);
    const checked = contract.at === "result" ? message.result : message;
    const { errors } = registry.validate(contract.id, checked);
    for (const error of errors) {
      if (error === IDLESS_ERROR && kind === "error" && revision === "2025-06-18") continue;
      // Paths of a `result`-level contract are relative to the result: show them from the message.
      const line =
        contract.at === "message" ? error : `/result${error.startsWith("/ ") ? error.slice(1) : error}`;
      problems.push(`${what}: ${contract.id} ${line}`);
    }
  }
  if (kind === "result" && eraOf(revision) === "stateless") {
    const resultType = (message.result as { resultType?: unknown } | null)?.resultType;
    // The basic page: a resultType the client does not recognise MUST be considered invalid.
    if (typeof resultType === "string" && !RESULT_TYPES.has(resultType)) {
      problems.push(
        `${what}: resultType ${JSON.stringify(resultType)} is neither "complete" nor "input_required"`,
      );
    }
  }
  return problems;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
