import type { McpEra } from "./revisions.ts";

/** One black-box rule of the MCP transport or base protocol, with where the spec says it. */
export type ProtocolRule = {
  id: string;
  /** A MUST breach fails the suite; a SHOULD breach is an `assay:warning` annotation. */
  level: "MUST" | "SHOULD";
  eras: readonly McpEra[];
  /** What the server must do, in one sentence. */
  text: string;
  /** The normative page and section, per era. */
  cite: string;
};

const SESSION_TRANSPORT = "2025-11-25 basic/transports";
const MODERN_TRANSPORT = "2026-07-28 basic/transports/streamable-http";
const BOTH: readonly McpEra[] = ["session", "stateless"];

/**
 * The rules the `mcp-protocol` suite checks, by id. Each test names its rule in its title and
 * records it as an `assay:mcp-rule` annotation (`MUST origin-403 …`).
 *
 * @example
 * judgeRule(PROTOCOL_RULES["origin-403"], checkStatus(exchange, 403));
 */
export const PROTOCOL_RULES = {
  "origin-403": {
    id: "origin-403",
    level: "MUST",
    eras: BOTH,
    text: "a request whose Origin header is present and invalid gets HTTP 403",
    cite: `${SESSION_TRANSPORT} §Security Warning 1; ${MODERN_TRANSPORT} §Security & Endpoint 1`,
  },
  "unknown-session-404": {
    id: "unknown-session-404",
    level: "MUST",
    eras: ["session"],
    text: "a request naming a session the server does not know gets HTTP 404",
    cite: `${SESSION_TRANSPORT} §Session Management 3`,
  },
  "terminated-session-404": {
    id: "terminated-session-404",
    level: "MUST",
    eras: ["session"],
    text: "a request naming a session that was terminated (DELETE) gets HTTP 404",
    cite: `${SESSION_TRANSPORT} §Session Management 3, 5`,
  },
  "missing-session-400": {
    id: "missing-session-400",
    level: "SHOULD",
    eras: ["session"],
    text: "a request other than initialize without Mcp-Session-Id gets HTTP 400 when the server requires sessions",
    cite: `${SESSION_TRANSPORT} §Session Management 2`,
  },
  "protocol-version-400": {
    id: "protocol-version-400",
    level: "MUST",
    eras: ["session"],
    text: "a request with an invalid or unsupported MCP-Protocol-Version header gets HTTP 400",
    cite: `${SESSION_TRANSPORT} §Protocol Version Header`,
  },
  "notification-202": {
    id: "notification-202",
    level: "MUST",
    eras: BOTH,
    text: "a notification the server accepts gets HTTP 202 with no body (one it refuses, an HTTP error status)",
    cite: `${SESSION_TRANSPORT} §Sending Messages to the Server 4; ${MODERN_TRANSPORT} §Sending Messages 5`,
  },
  "get-sse-or-405": {
    id: "get-sse-or-405",
    level: "MUST",
    eras: ["session"],
    text: "GET on the endpoint answers Content-Type text/event-stream or HTTP 405",
    cite: `${SESSION_TRANSPORT} §Listening for Messages from the Server 3`,
  },
  "session-id-visible-ascii": {
    id: "session-id-visible-ascii",
    level: "MUST",
    eras: ["session"],
    text: "an Mcp-Session-Id holds only visible ASCII (0x21-0x7E)",
    cite: `${SESSION_TRANSPORT} §Session Management 1`,
  },
  "ids-echoed": {
    id: "ids-echoed",
    level: "MUST",
    eras: BOTH,
    text: "a response carries the id of the request it answers (numbers and strings alike)",
    cite: "basic/index §Responses (2025-11-25, 2026-07-28)",
  },
  "error-codes-integer": {
    id: "error-codes-integer",
    level: "MUST",
    eras: BOTH,
    text: "an error response has an error with an integer code and a message",
    cite: "basic/index §Error Responses (2025-11-25, 2026-07-28)",
  },
  "messages-valid": {
    id: "messages-valid",
    level: "MUST",
    eras: BOTH,
    text: "every message the server sends parses and matches the official schema of the revision",
    cite: "basic/index §Messages (JSON-RPC 2.0) and schema.json of the revision",
  },
  "version-negotiation": {
    id: "version-negotiation",
    level: "MUST",
    eras: ["session"],
    text: "initialize with a supported version is answered with that version, with an unsupported one with another version the server supports",
    cite: "2025-11-25 basic/lifecycle §Version Negotiation",
  },
  "version-latest": {
    id: "version-latest",
    level: "SHOULD",
    eras: ["session"],
    text: "initialize with an unsupported version is answered with the latest version the server supports",
    cite: "2025-11-25 basic/lifecycle §Version Negotiation",
  },
  "accept-406": {
    id: "accept-406",
    level: "SHOULD",
    eras: BOTH,
    text: "a POST whose Accept lacks text/event-stream is refused with HTTP 406 (an SDK convention: clients MUST send both)",
    cite: `${SESSION_TRANSPORT} §Sending Messages to the Server 2; ${MODERN_TRANSPORT} §Sending Messages 2`,
  },
  "content-type-415": {
    id: "content-type-415",
    level: "SHOULD",
    eras: BOTH,
    text: "a POST whose body is not application/json is refused with HTTP 415 (an SDK convention)",
    cite: `${SESSION_TRANSPORT} §Sending Messages to the Server 3; ${MODERN_TRANSPORT} §Sending Messages 4`,
  },
  "discover-present": {
    id: "discover-present",
    level: "MUST",
    eras: ["stateless"],
    text: "server/discover answers a DiscoverResult whose supportedVersions include 2026-07-28",
    cite: "2026-07-28 basic/versioning §Protocol Version Negotiation; server/discover",
  },
  "result-type": {
    id: "result-type",
    level: "MUST",
    eras: ["stateless"],
    text: 'every result carries resultType ("complete" or "input_required")',
    cite: "2026-07-28 basic/index §ResultType",
  },
  "unsupported-version-error": {
    id: "unsupported-version-error",
    level: "MUST",
    eras: ["stateless"],
    text: "a request for a version the server does not implement gets HTTP 400 and UnsupportedProtocolVersionError (-32022) listing supported versions",
    cite: `2026-07-28 basic/versioning §Protocol Version Negotiation; ${MODERN_TRANSPORT} §Protocol Version Header`,
  },
  "tools-list-same-set": {
    id: "tools-list-same-set",
    level: "MUST",
    eras: ["stateless"],
    text: "tools/list gives the same set of tools on two connections with the same authorization",
    cite: "2026-07-28 server/tools §Capabilities",
  },
  "tools-list-order": {
    id: "tools-list-order",
    level: "SHOULD",
    eras: ["stateless"],
    text: "tools/list gives its tools in a deterministic order",
    cite: "2026-07-28 server/tools §Capabilities; changelog minor change 3",
  },
  "request-headers-accepted": {
    id: "request-headers-accepted",
    level: "MUST",
    eras: ["stateless"],
    text: "requests carrying Mcp-Method and Mcp-Name that match their body are served",
    cite: `${MODERN_TRANSPORT} §Standard Request Headers`,
  },
  "header-mismatch-400": {
    id: "header-mismatch-400",
    level: "MUST",
    eras: ["stateless"],
    text: "a request whose MCP-Protocol-Version, Mcp-Method or Mcp-Name disagrees with its body, or lacks one, gets HTTP 400 and HeaderMismatch (-32020)",
    cite: `${MODERN_TRANSPORT} §Server Validation`,
  },
  "missing-meta-400": {
    id: "missing-meta-400",
    level: "MUST",
    eras: ["stateless"],
    text: "a request missing a required _meta field gets HTTP 400 and Invalid params (-32602)",
    cite: "2026-07-28 basic/index §_meta (per-request protocol fields)",
  },
  "unknown-method-404": {
    id: "unknown-method-404",
    level: "MUST",
    eras: ["stateless"],
    text: "a method the server does not implement gets HTTP 404 and Method not found (-32601)",
    cite: `${MODERN_TRANSPORT} §Protocol Version Header`,
  },
  "server-info": {
    id: "server-info",
    level: "SHOULD",
    eras: ["stateless"],
    text: "every result's _meta names the server (io.modelcontextprotocol/serverInfo)",
    cite: "2026-07-28 basic/index §_meta (per-response protocol fields)",
  },
} as const satisfies Record<string, ProtocolRule>;

/** The id of a rule the suite checks. */
export type ProtocolRuleId = keyof typeof PROTOCOL_RULES;
