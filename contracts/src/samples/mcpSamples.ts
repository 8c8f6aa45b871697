/**
 * One valid and one invalid sample per MCP contract (`mcp/<revision>/<Message>`), shaped as the
 * normative pages of each revision show them. Merged into contractSamples.ts.
 */

const clientInfo = { name: "assay", version: "0.1.0" };
const serverInfo = { name: "agent-api", version: "0.1.0" };
const tool = {
  name: "create_project",
  description: "Creates a project.",
  inputSchema: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
  outputSchema: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
};
const toolResult = {
  content: [{ type: "text", text: '{"id":"p-1"}' }],
  structuredContent: { id: "p-1" },
  isError: false,
};
const meta = {
  "io.modelcontextprotocol/protocolVersion": "2026-07-28",
  "io.modelcontextprotocol/clientInfo": clientInfo,
  "io.modelcontextprotocol/clientCapabilities": {},
};
const call = { name: "create_project", arguments: { name: "Launch" } };

const sessionEra = (revision: "2025-06-18" | "2025-11-25") => {
  const id = (name: string) => `mcp/${revision}/${name}`;
  const [resultEnvelope, errorEnvelope] =
    revision === "2025-06-18"
      ? ["JSONRPCResponse", "JSONRPCError"]
      : ["JSONRPCResultResponse", "JSONRPCErrorResponse"];
  const initialize = {
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: { protocolVersion: revision, capabilities: {}, clientInfo },
  };
  const valid: Record<string, unknown> = {
    [id("InitializeRequest")]: initialize,
    [id("InitializedNotification")]: { jsonrpc: "2.0", method: "notifications/initialized" },
    [id("InitializeResult")]: { protocolVersion: revision, capabilities: { tools: {} }, serverInfo },
    [id("ListToolsRequest")]: { jsonrpc: "2.0", id: 2, method: "tools/list" },
    [id("ListToolsResult")]: { tools: [tool], nextCursor: "2" },
    [id("CallToolRequest")]: { jsonrpc: "2.0", id: "call-3", method: "tools/call", params: call },
    [id("CallToolResult")]: toolResult,
    [id("JSONRPCRequest")]: { jsonrpc: "2.0", id: 4, method: "assay/unknown" },
    [id("JSONRPCNotification")]: {
      jsonrpc: "2.0",
      method: "notifications/cancelled",
      params: { requestId: 4 },
    },
    [id(resultEnvelope)]: { jsonrpc: "2.0", id: 2, result: { tools: [] } },
    [id(errorEnvelope)]: { jsonrpc: "2.0", id: 4, error: { code: -32601, message: "Method not found" } },
  };
  const invalid = [
    {
      id: id("InitializeRequest"),
      value: { ...initialize, params: { protocolVersion: revision, clientInfo } },
      errors: ["/params must have required property 'capabilities'"],
    },
    {
      id: id("InitializedNotification"),
      value: { jsonrpc: "2.0", method: "notifications/initialised" },
      errors: ['/method must be equal to constant ("notifications/initialized")'],
    },
    {
      id: id("InitializeResult"),
      value: { protocolVersion: 20251125, capabilities: {}, serverInfo: { name: "agent-api" } },
      errors: ["/protocolVersion must be string", "/serverInfo must have required property 'version'"],
    },
    {
      id: id("ListToolsRequest"),
      value: { jsonrpc: "2.0", id: 2, method: "tools/list", params: { cursor: 2 } },
      errors: ["/params/cursor must be string"],
    },
    {
      id: id("ListToolsResult"),
      value: { tools: [{ ...tool, inputSchema: { type: "array" } }] },
      errors: ['/tools/0/inputSchema/type must be equal to constant ("object")'],
    },
    {
      id: id("CallToolRequest"),
      value: { jsonrpc: "2.0", id: null, method: "tools/call", params: { arguments: {} } },
      // 2025-06-18 defines the method's message without the JSON-RPC envelope, so the id is left to JSONRPCRequest.
      errors: [
        ...(revision === "2025-06-18" ? [] : ["/id must be string,integer"]),
        "/params must have required property 'name'",
      ],
    },
    {
      id: id("CallToolResult"),
      value: { content: "done", isError: "no" },
      errors: ["/content must be array", "/isError must be boolean"],
    },
    {
      id: id("JSONRPCRequest"),
      value: { jsonrpc: "1.0", id: 4, method: "x" },
      errors: ['/jsonrpc must be equal to constant ("2.0")'],
    },
    {
      id: id("JSONRPCNotification"),
      value: { jsonrpc: "2.0", method: 7 },
      errors: ["/method must be string"],
    },
    {
      id: id(resultEnvelope),
      value: { jsonrpc: "2.0", result: { tools: [] } },
      errors: ["/ must have required property 'id'"],
    },
    {
      id: id(errorEnvelope),
      value: { jsonrpc: "2.0", id: 4, error: { code: -32601.5 } },
      errors: ["/error must have required property 'message'", "/error/code must be integer"],
    },
  ];
  return { valid, invalid };
};

const modern = (name: string) => `mcp/2026-07-28/${name}`;
const statelessValid: Record<string, unknown> = {
  [modern("DiscoverRequest")]: { jsonrpc: "2.0", id: 1, method: "server/discover", params: { _meta: meta } },
  [modern("DiscoverResultResponse")]: {
    jsonrpc: "2.0",
    id: 1,
    result: {
      resultType: "complete",
      supportedVersions: ["2026-07-28", "2025-11-25"],
      capabilities: { tools: {} },
      _meta: { "io.modelcontextprotocol/serverInfo": serverInfo },
      ttlMs: 60000,
      cacheScope: "public",
    },
  },
  [modern("ListToolsRequest")]: { jsonrpc: "2.0", id: 2, method: "tools/list", params: { _meta: meta } },
  [modern("ListToolsResultResponse")]: {
    jsonrpc: "2.0",
    id: 2,
    result: { resultType: "complete", tools: [tool], ttlMs: 0, cacheScope: "private" },
  },
  [modern("CallToolRequest")]: {
    jsonrpc: "2.0",
    id: 3,
    method: "tools/call",
    params: { ...call, _meta: meta },
  },
  [modern("CallToolResultResponse")]: {
    jsonrpc: "2.0",
    id: 3,
    result: { resultType: "complete", ...toolResult },
  },
  [modern("JSONRPCRequest")]: { jsonrpc: "2.0", id: 4, method: "assay/unknown", params: { _meta: meta } },
  [modern("JSONRPCNotification")]: {
    jsonrpc: "2.0",
    method: "notifications/cancelled",
    params: { requestId: 4 },
  },
  [modern("JSONRPCResultResponse")]: { jsonrpc: "2.0", id: 5, result: { resultType: "complete" } },
  [modern("JSONRPCErrorResponse")]: {
    jsonrpc: "2.0",
    id: 4,
    error: { code: -32601, message: "Method not found" },
  },
  [modern("UnsupportedProtocolVersionError")]: {
    jsonrpc: "2.0",
    id: 6,
    error: {
      code: -32022,
      message: "Unsupported protocol version",
      data: { supported: ["2026-07-28", "2025-11-25"], requested: "1900-01-01" },
    },
  },
};
const statelessInvalid = [
  {
    id: modern("DiscoverRequest"),
    value: { jsonrpc: "2.0", id: 1, method: "server/discover", params: {} },
    errors: ["/params must have required property '_meta'"],
  },
  {
    id: modern("DiscoverResultResponse"),
    value: { jsonrpc: "2.0", id: 1, result: { resultType: "complete", supportedVersions: "2026-07-28" } },
    errors: [
      "/result must have required property 'cacheScope'",
      "/result must have required property 'capabilities'",
      "/result must have required property 'ttlMs'",
      "/result/supportedVersions must be array",
    ],
  },
  {
    id: modern("ListToolsRequest"),
    value: {
      jsonrpc: "2.0",
      id: 2,
      method: "tools/list",
      params: { _meta: { "io.modelcontextprotocol/clientCapabilities": {} } },
    },
    errors: ["/params/_meta must have required property 'io.modelcontextprotocol/protocolVersion'"],
  },
  {
    id: modern("ListToolsResultResponse"),
    value: {
      jsonrpc: "2.0",
      id: 2,
      result: { resultType: "complete", tools: [tool], ttlMs: -1, cacheScope: "shared" },
    },
    errors: [
      '/result/cacheScope must be equal to one of the allowed values ("private", "public")',
      "/result/ttlMs must be >= 0",
    ],
  },
  {
    id: modern("CallToolRequest"),
    value: { jsonrpc: "2.0", id: 3, method: "tools/call", params: call },
    errors: ["/params must have required property '_meta'"],
  },
  {
    id: modern("CallToolResultResponse"),
    value: { jsonrpc: "2.0", id: 3, result: toolResult },
    errors: ["/result must have required property 'resultType'", "/result must match a schema in anyOf"],
  },
  {
    id: modern("JSONRPCRequest"),
    value: { jsonrpc: "2.0", method: "assay/unknown" },
    errors: ["/ must have required property 'id'"],
  },
  {
    id: modern("JSONRPCNotification"),
    value: { jsonrpc: "2.0", method: "x", params: [] },
    errors: ["/params must be object"],
  },
  {
    id: modern("JSONRPCResultResponse"),
    value: { jsonrpc: "2.0", id: 5, result: {} },
    errors: ["/result must have required property 'resultType'"],
  },
  {
    id: modern("JSONRPCErrorResponse"),
    value: { jsonrpc: "2.0", id: 4, error: { code: "-32601", message: "Method not found" } },
    errors: ["/error/code must be integer"],
  },
  {
    id: modern("UnsupportedProtocolVersionError"),
    value: { jsonrpc: "2.0", id: 6, error: { code: -32602, message: "Unsupported protocol version" } },
    errors: ["/error must have required property 'data'", "/error/code must be equal to constant (-32022)"],
  },
];

const june = sessionEra("2025-06-18");
const november = sessionEra("2025-11-25");

/** A valid value for every MCP contract id. */
export const mcpValidSamples: Record<string, unknown> = {
  ...june.valid,
  ...november.valid,
  ...statelessValid,
};

/** Values that break MCP contracts, with the exact lines the registry reports. */
export const mcpInvalidSamples: Array<{ id: string; value: unknown; errors: string[] }> = [
  ...june.invalid,
  ...november.invalid,
  ...statelessInvalid,
];
