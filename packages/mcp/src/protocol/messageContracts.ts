import { type McpRevision, REVISIONS } from "./revisions.ts";

/** What kind of JSON-RPC message a value is, read from its members. */
export type MessageKind = "request" | "notification" | "result" | "error";

/** A contract to check, and whether it applies to the whole message or its `result` member. */
export type MessageContract = { id: string; at: "message" | "result" };

const SESSION_ENVELOPES = {
  "2025-06-18": { result: "JSONRPCResponse", error: "JSONRPCError" },
  "2025-11-25": { result: "JSONRPCResultResponse", error: "JSONRPCErrorResponse" },
} as const;

// The session revisions define a method's result without its envelope (checked on `result`);
// 2026-07-28 defines the whole response (checked on the message).
const SESSION_METHODS: Record<MessageKind, Record<string, string>> = {
  request: {
    initialize: "InitializeRequest",
    "tools/list": "ListToolsRequest",
    "tools/call": "CallToolRequest",
  },
  notification: { "notifications/initialized": "InitializedNotification" },
  result: { initialize: "InitializeResult", "tools/list": "ListToolsResult", "tools/call": "CallToolResult" },
  error: {},
};
const STATELESS_METHODS: Record<MessageKind, Record<string, string>> = {
  request: {
    "server/discover": "DiscoverRequest",
    "tools/list": "ListToolsRequest",
    "tools/call": "CallToolRequest",
  },
  notification: {},
  result: {
    "server/discover": "DiscoverResultResponse",
    "tools/list": "ListToolsResultResponse",
    "tools/call": "CallToolResultResponse",
  },
  error: {},
};

/**
 * The contracts (`mcp/<revision>/<Definition>`) one message is checked against: its JSON-RPC
 * envelope, then its method's own definition when the revision has one in contracts/mcp/.
 *
 * @example
 * messageContracts("2025-11-25", "result", "initialize");
 * // [{ id: "mcp/2025-11-25/JSONRPCResultResponse", at: "message" },
 * //  { id: "mcp/2025-11-25/InitializeResult", at: "result" }]
 */
export function messageContracts(
  revision: McpRevision,
  kind: MessageKind,
  method?: string,
): MessageContract[] {
  const id = (name: string) => `mcp/${revision}/${name}`;
  const stateless = REVISIONS[revision] === "stateless";
  const envelopes = stateless
    ? { result: "JSONRPCResultResponse", error: "JSONRPCErrorResponse" }
    : SESSION_ENVELOPES[revision as keyof typeof SESSION_ENVELOPES];
  const envelope = {
    request: "JSONRPCRequest",
    notification: "JSONRPCNotification",
    result: envelopes.result,
    error: envelopes.error,
  }[kind];
  const list: MessageContract[] = [{ id: id(envelope), at: "message" }];
  const own =
    method === undefined ? undefined : (stateless ? STATELESS_METHODS : SESSION_METHODS)[kind][method];
  if (own !== undefined)
    list.push({ id: id(own), at: kind === "result" && !stateless ? "result" : "message" });
  return list;
}
