/**
 * One valid sample per contract, shaped as apps/agent-api/README.md describes, plus invalid
 * samples with the exact error lines the registry must report. Used by the unit tests and
 * the benchmark.
 */
import { mcpInvalidSamples, mcpValidSamples } from "./mcpSamples.ts";

const userId = "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b";
const conversationId = "0b7e4f3a-2c1d-4e8f-9a6b-5c4d3e2f1a0b";
const runId = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const userMessageId = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
const assistantMessageId = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e";
const projectId = "3c2b1a0f-9e8d-4c7b-8a69-584736251403";
const sessionId = "7c6d5e4f-3a2b-4c1d-8e0f-9a8b7c6d5e4f";
const contextId = "4d3c2b1a-0f9e-4d8c-9b7a-695847362514";
const ts = "2026-01-15T10:20:30.123Z";
const runBase = { run_id: runId, conversation_id: conversationId, ts };

export const user = { id: userId, email: "alice+run-1@assay.test", display_name: "Alice", created_at: ts };
export const conversation = {
  id: conversationId,
  project_id: projectId,
  title: "Weekly report",
  created_at: ts,
  updated_at: ts,
};
export const project = { id: projectId, name: "Default", is_default: true, created_at: ts, updated_at: ts };
export const session = { id: sessionId, project_id: projectId, created_at: ts, updated_at: ts };
export const context = {
  id: contextId,
  project_id: projectId,
  topic: "release plan",
  version: 2,
  content: "Ship on Friday; freeze on Thursday.",
  tags: ["release", "q1"],
  created_at: ts,
};
const jwk = {
  kty: "RSA",
  kid: "key-2026-01",
  alg: "RS256",
  use: "sig",
  n: "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
  e: "AQAB",
};
export const userMessage = {
  id: userMessageId,
  conversation_id: conversationId,
  role: "user",
  content: "Count these words #tool:word_count",
  created_at: ts,
};
export const run = {
  id: runId,
  conversation_id: conversationId,
  status: "running",
  created_at: ts,
  finished_at: null,
};

/** A complete run with one tool call, in `seq` order. */
export const runEvents = [
  { type: "agent_started", ...runBase, seq: 1, message_id: userMessageId },
  { type: "agent_thinking", ...runBase, seq: 2, step: 1 },
  {
    type: "tool_executing",
    ...runBase,
    seq: 3,
    tool_call_id: "call_1",
    tool_name: "word_count",
    input: { text: "Count these words" },
  },
  {
    type: "tool_completed",
    ...runBase,
    seq: 4,
    tool_call_id: "call_1",
    tool_name: "word_count",
    output: { words: 3 },
    duration_ms: 1.5,
  },
  { type: "agent_thinking", ...runBase, seq: 5, step: 2 },
  {
    type: "agent_completed",
    ...runBase,
    seq: 6,
    message_id: assistantMessageId,
    content: "There are 3 words.",
  },
];

export const agentError = {
  type: "agent_error",
  ...runBase,
  seq: 3,
  error: { code: "upstream_timeout", message: "The model did not answer in time." },
};

const memoryJob = {
  id: "5e4d3c2b-1a0f-4e9d-8c7b-6a5948372615",
  conversation_id: conversationId,
  status: "queued",
  attempts: 0,
  max_attempts: 3,
  last_error: null,
  created_at: ts,
  updated_at: ts,
};
const logBase = { time: ts, level: "info", correlation_id: "req-42" };

/** A valid value for every contract id. */
export const validSamples: Record<string, unknown> = {
  ...mcpValidSamples,
  "http/health.v1": {
    status: "healthy",
    database_status: "connected",
    connection_pool: { max: 10, total: 3, idle: 2, waiting: 0, utilization_percent: 10 },
    circuit_breaker: "closed",
    uptime_seconds: 12.5,
    version: "0.1.0",
  },
  "http/metrics.v1": [
    {
      name: "assay_http_requests_total",
      help: "HTTP requests answered.",
      type: "counter",
      aggregator: "sum",
      values: [{ value: 3, labels: { method: "GET", route: "/health", status: 200 } }],
    },
  ],
  "http/memory-update.v1": { job: memoryJob },
  "http/memory.v1": {
    conversation_id: conversationId,
    version: 2,
    summary: "4 message(s); it started with: plan the release",
    key_points: ["plan the release"],
    open_questions: ["Who signs off?"],
    updated_at: ts,
    job: { ...memoryJob, status: "done", attempts: 1 },
  },
  "http/rate-limited.v1": {
    error: { code: "rate_limited", message: "Too many requests.", correlation_id: "req-43" },
  },
  "http/service-unavailable.v1": {
    error: { code: "service_unavailable", message: "The database is unavailable.", correlation_id: "req-44" },
  },
  "logs/oauth.v1": {
    ...logBase,
    event: "oauth_token",
    grant_type: "authorization_code",
    client_id: userId,
    code: "valid",
    verifier: "present",
    verifier_valid: true,
    resource: "match",
    outcome: "issued",
    refresh_issued: true,
  },
  "logs/request.v1": {
    ...logBase,
    event: "request",
    method: "GET",
    route: "/v1/runs/:id",
    status: 200,
    elapsed_ms: 3.21,
    user: userId,
    project: null,
  },
  "logs/database.v1": {
    ...logBase,
    event: "db_query",
    operation: "SELECT",
    table: "runs",
    query_ms: 0.8,
    rows: 1,
    ok: true,
  },
  "logs/tool.v1": {
    ...logBase,
    event: "tool_call",
    tool: "echo",
    project: projectId,
    execution_ms: 0.05,
    result: "ok",
    run_id: runId,
  },
  "logs/session.v1": {
    ...logBase,
    event: "session_created",
    session_id: sessionId,
    user: userId,
    project: projectId,
    via: "websocket",
  },
  "logs/error.v1": {
    ...logBase,
    level: "warn",
    event: "upstream_call_failed",
    error_type: "upstream_error",
    error: "UpstreamError",
    error_message: "The upstream answered HTTP 500.",
    elapsed_ms: 12,
    breaker: "closed",
  },
  "logs/lifecycle.v1": { ...logBase, event: "listening", port: 4310, host: "127.0.0.1", db_mode: "embedded" },
  "logs/dependency.v1": { ...logBase, level: "info", event: "db_reconnected", down_ms: 5120, attempts: 4 },
  "logs/job.v1": {
    ...logBase,
    event: "memory_job_retry",
    job_id: memoryJob.id,
    conversation_id: conversationId,
    attempt: 1,
    max_attempts: 3,
    retry_in_ms: 200,
    error_type: "upstream_error",
    error: "UpstreamError",
    error_message: "The upstream answered HTTP 500.",
  },
  "http/error.v1": {
    error: { code: "not_found", message: "No conversation with that id.", correlation_id: "req-42" },
  },
  "http/user.v1": user,
  "http/conversation.v1": conversation,
  "http/conversation-list.v1": { items: [conversation, { ...conversation, title: "Older" }] },
  "http/message.v1": userMessage,
  "http/message-list.v1": {
    items: [
      userMessage,
      { ...userMessage, id: assistantMessageId, role: "assistant", content: "There are 3 words." },
    ],
  },
  "http/message-accepted.v1": { message: userMessage, run },
  "http/run.v1": { ...run, status: "completed", finished_at: "2026-01-15T10:20:31.456Z" },
  "http/run-event-list.v1": { items: [...runEvents.slice(0, 2), agentError] },
  "http/test-user.v1": {
    user,
    token: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI2ZjFjIn0.c2lnbmF0dXJlLW5vdC1yZWFs",
    expires_at: "2026-01-15T11:20:30.123Z",
  },
  "http/project.v1": project,
  "http/project-list.v1": { items: [project, { ...project, name: "Side project", is_default: false }] },
  "http/session.v1": session,
  "http/context.v1": context,
  "http/context-list.v1": { items: [context, { ...context, version: 1, tags: [] }] },
  "http/jwks.v1": { keys: [jwk] },
  "http/test-token.v1": {
    token: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI2ZjFjIn0.c2lnbmF0dXJlLW5vdC1yZWFs",
    expires_at: "2026-01-15T10:20:32.123Z",
  },
  "http/oauth-protected-resource.v1": {
    resource: "https://mcp.example.com/mcp",
    authorization_servers: ["https://mcp.example.com"],
    scopes_supported: ["mcp"],
    bearer_methods_supported: ["header"],
  },
  "http/oauth-authorization-server.v1": {
    issuer: "https://mcp.example.com",
    authorization_endpoint: "https://mcp.example.com/oauth/authorize",
    token_endpoint: "https://mcp.example.com/oauth/token",
    registration_endpoint: "https://mcp.example.com/oauth/register",
    response_types_supported: ["code"],
    code_challenge_methods_supported: ["S256"],
    authorization_response_iss_parameter_supported: true,
  },
  "http/oauth-client-registration.v1": {
    client_id: userId,
    client_id_issued_at: 1768472431,
    registration_access_token: "cmVnaXN0cmF0aW9uLXRva2Vu",
    registration_client_uri: `https://mcp.example.com/oauth/register/${userId}`,
    redirect_uris: ["https://client.example.com/callback"],
    application_type: "web",
    token_endpoint_auth_method: "none",
  },
  "http/oauth-token.v1": {
    access_token: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI2ZjFjIn0.c2lnbmF0dXJlLW5vdC1yZWFs",
    token_type: "Bearer",
    expires_in: 3600,
    refresh_token: "cmVmcmVzaC10b2tlbi1ub3QtcmVhbA",
    scope: "mcp",
  },
  "http/oauth-error.v1": { error: "invalid_grant", error_description: "The code was already used." },
  "http/oauth-authorization-response.v1": {
    code: "Y29kZS1ub3QtcmVhbA",
    state: "s-1",
    iss: "https://mcp.example.com",
  },
  "http/oauth-sign-in-code.v1": {
    code: "c2lnbi1pbi1jb2RlLW5vdC1yZWFsLXRoaXJ0eS10d28",
    expires_at: "2026-01-15T10:30:31.123Z",
  },
  "ws/session-ready.v1": {
    type: "session_ready",
    session_id: sessionId,
    user_id: userId,
    project_id: projectId,
    ts,
  },
  "ws/project-switched.v1": {
    type: "project_switched",
    session_id: sessionId,
    project_id: projectId,
    id: "switch-1",
    ts,
  },
  "ws/replay-done.v1": { type: "replay_done", run_id: runId, id: "replay-1", count: 6, ts },
  "ws/agent-started.v1": runEvents[0],
  "ws/agent-thinking.v1": runEvents[1],
  "ws/tool-executing.v1": runEvents[2],
  "ws/tool-completed.v1": runEvents[3],
  "ws/agent-completed.v1": runEvents[5],
  "ws/agent-error.v1": agentError,
  "ws/pong.v1": { type: "pong", ts, id: "ping-1" },
  "ws/error.v1": {
    type: "error",
    error: { code: "unknown_message_type", message: "Unknown message type: hello.", correlation_id: userId },
  },
};

/** Values that break one rule each, with the exact lines the registry reports. */
export const invalidSamples: Array<{ id: string; value: unknown; errors: string[] }> = [
  ...mcpInvalidSamples,
  {
    id: "http/health.v1",
    value: {
      status: "ok",
      database_status: "connected",
      connection_pool: { max: 1, total: 1, idle: 0, waiting: 0, utilization_percent: 100 },
      circuit_breaker: "closed",
      uptime_seconds: 1,
      version: "0.1.0",
      stack: "Error: …",
    },
    errors: [
      '/status must be equal to one of the allowed values ("healthy", "degraded", "unhealthy")',
      "/ must NOT have additional properties: 'stack'",
    ],
  },
  {
    id: "http/metrics.v1",
    value: [{ name: "assay requests", help: "h", type: "counter", values: [{ value: "3", labels: {} }] }],
    errors: [
      '/0/name must match pattern "^[a-zA-Z_:][a-zA-Z0-9_:]*$"',
      "/0/values/0/value must be number",
      "/0/values/0/value must be null",
      "/0/values/0/value must match exactly one schema in oneOf",
    ],
  },
  {
    id: "http/memory-update.v1",
    value: { job: { ...memoryJob, status: "lost" } },
    errors: [
      '/job/status must be equal to one of the allowed values ("queued", "retry", "running", "done", "dead")',
    ],
  },
  {
    id: "http/memory.v1",
    value: {
      conversation_id: conversationId,
      version: -1,
      summary: "",
      key_points: [],
      open_questions: [],
      updated_at: null,
      job: null,
    },
    errors: [
      "/version must be >= 0",
      "/summary must NOT have fewer than 1 characters",
      "/summary must be null",
      "/summary must match exactly one schema in oneOf",
    ],
  },
  {
    id: "http/rate-limited.v1",
    value: { error: { code: "not_found", message: "No.", correlation_id: "req-1" } },
    errors: ['/error/code must be equal to constant ("rate_limited")'],
  },
  {
    id: "http/service-unavailable.v1",
    value: {
      error: { code: "service_unavailable", message: "Down.", correlation_id: "req-1", stack: "at x" },
    },
    errors: ["/error must NOT have additional properties: 'stack'"],
  },
  {
    id: "logs/oauth.v1",
    value: { ...logBase, event: "oauth_token", code: "c29kZS12YWx1ZQ", outcome: "issued" },
    errors: [
      '/code must be equal to one of the allowed values ("present", "absent", "valid", "unknown", "other_client", "expired", "reused", "reused_accepted")',
    ],
  },
  {
    id: "logs/request.v1",
    value: {
      ...logBase,
      event: "request",
      method: "GET",
      route: "/v1/me",
      status: 200,
      elapsed_ms: 1,
      user: userId,
      project: null,
      authorization: "Bearer x",
    },
    errors: ["/ must NOT have additional properties: 'authorization'"],
  },
  {
    id: "logs/database.v1",
    value: {
      ...logBase,
      event: "db_query",
      operation: "SELECT",
      table: "runs",
      query_ms: -1,
      rows: 1,
      ok: true,
    },
    errors: ["/query_ms must be >= 0"],
  },
  {
    id: "logs/tool.v1",
    value: { ...logBase, event: "tool_call", tool: "echo", project: null, execution_ms: 1, result: "ok" },
    errors: ["/ must have required property 'run_id'"],
  },
  {
    id: "logs/session.v1",
    value: {
      ...logBase,
      correlation_id: undefined,
      event: "session_created",
      session_id: sessionId,
      user: userId,
    },
    errors: ["/ must have required property 'correlation_id'"],
  },
  {
    id: "logs/error.v1",
    value: { ...logBase, event: "unhandled_error", error: "Error", error_type: "oops" },
    errors: [
      '/error_type must be equal to one of the allowed values ("db_unavailable", "db_query_failed", "upstream_error", "upstream_timeout", "upstream_invalid", "upstream_unavailable", "shutdown", "client_error", "internal")',
    ],
  },
  {
    id: "logs/lifecycle.v1",
    value: { ...logBase, event: "listening", port: 0 },
    errors: ["/port must be >= 1"],
  },
  {
    id: "logs/dependency.v1",
    value: { ...logBase, event: "breaker_state_changed", from: "closed", to: "broken" },
    errors: ['/to must be equal to one of the allowed values ("closed", "open", "half_open")'],
  },
  {
    id: "logs/job.v1",
    value: {
      ...logBase,
      event: "memory_job_done",
      job_id: memoryJob.id,
      conversation_id: conversationId,
      attempt: 0,
    },
    errors: ["/attempt must be >= 1"],
  },
  {
    id: "http/error.v1",
    value: { error: { code: "teapot", message: "", correlation_id: "has space" } },
    errors: [
      '/error/code must be equal to one of the allowed values ("invalid_json", "validation_failed", "unauthorized", "not_a_test_user", "not_found", "method_not_allowed", "conflict", "payload_too_large", "headers_too_large", "unsupported_media_type", "internal", "rate_limited", "service_unavailable")',
      "/error/message must NOT have fewer than 1 characters",
      '/error/correlation_id must match pattern "^[A-Za-z0-9._-]{1,64}$"',
    ],
  },
  { id: "http/user.v1", value: { ...user, id: "42" }, errors: ['/id must match format "uuid"'] },
  {
    id: "http/conversation.v1",
    value: { ...conversation, title: "x".repeat(201) },
    errors: ["/title must NOT have more than 200 characters"],
  },
  {
    id: "http/conversation-list.v1",
    value: { items: [{ ...conversation, updated_at: "yesterday" }] },
    errors: ['/items/0/updated_at must match format "date-time"'],
  },
  {
    id: "http/message.v1",
    value: { ...userMessage, role: "system" },
    errors: ['/role must be equal to one of the allowed values ("user", "assistant")'],
  },
  { id: "http/message-list.v1", value: { items: userMessage }, errors: ["/items must be array"] },
  {
    id: "http/message-accepted.v1",
    value: { message: userMessage },
    errors: ["/ must have required property 'run'"],
  },
  {
    id: "http/run.v1",
    value: { ...run, finished_at: 0 },
    errors: [
      "/finished_at must be string",
      "/finished_at must be null",
      "/finished_at must match a schema in anyOf",
    ],
  },
  {
    id: "http/run-event-list.v1",
    value: { items: [{ ...runEvents[0], seq: 0 }, { type: "agent_paused" }] },
    errors: ["/items/0/seq must be >= 1", '/items/1 value of tag "type" must be in oneOf'],
  },
  {
    id: "http/test-user.v1",
    value: { user, token: "not-a-jwt", expires_at: user.created_at },
    errors: ['/token must match pattern "^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$"'],
  },
  {
    id: "ws/session-ready.v1",
    value: { type: "session_ready", session_id: userId, user_id: userId, project_id: projectId },
    errors: ["/ must have required property 'ts'"],
  },
  {
    id: "ws/agent-started.v1",
    value: { ...runEvents[0], ts: "2026-01-15T10:20:30Z" },
    errors: [
      '/ts must match pattern "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(?:Z|[+-]\\d{2}:\\d{2})$"',
    ],
  },
  {
    id: "ws/agent-thinking.v1",
    value: { ...runEvents[1], type: "agent_started" },
    errors: ['/type must be equal to constant ("agent_thinking")'],
  },
  {
    id: "ws/tool-executing.v1",
    value: { ...runEvents[2], tool_call_id: "" },
    errors: ["/tool_call_id must NOT have fewer than 1 characters"],
  },
  {
    id: "ws/tool-completed.v1",
    value: { ...runEvents[3], duration_ms: -1, output: "3" },
    errors: ["/output must be object", "/duration_ms must be >= 0"],
  },
  {
    id: "ws/agent-completed.v1",
    value: { ...runEvents[5], seq: 1.5 },
    errors: ["/seq must be integer"],
  },
  {
    id: "ws/agent-error.v1",
    value: { ...agentError, error: { code: "boom", message: "x", stack: "at …" } },
    errors: [
      '/error/code must be equal to one of the allowed values ("upstream_error", "upstream_timeout", "upstream_invalid", "upstream_unavailable", "tool_failed", "internal")',
      "/error must NOT have additional properties: 'stack'",
    ],
  },
  { id: "ws/pong.v1", value: { type: "pong", ts, id: 7 }, errors: ["/id must be string"] },
  {
    id: "ws/error.v1",
    value: { type: "error", error: { code: "forbidden", message: "x", correlation_id: "c" } },
    errors: [
      '/error/code must be equal to one of the allowed values ("invalid_json", "unknown_message_type", "validation_failed", "not_found")',
    ],
  },
  {
    id: "http/project.v1",
    value: { ...project, is_default: "yes", name: "" },
    errors: ["/name must NOT have fewer than 1 characters", "/is_default must be boolean"],
  },
  {
    id: "http/project-list.v1",
    value: { items: [{ ...project, owner_id: userId }] },
    errors: ["/items/0 must NOT have additional properties: 'owner_id'"],
  },
  {
    id: "http/session.v1",
    value: { id: sessionId, created_at: ts, updated_at: ts },
    errors: ["/ must have required property 'project_id'"],
  },
  {
    id: "http/context.v1",
    value: { ...context, version: 0, tags: ["x".repeat(65)] },
    errors: ["/version must be >= 1", "/tags/0 must NOT have more than 64 characters"],
  },
  {
    id: "http/context-list.v1",
    value: { items: [{ ...context, content: "" }] },
    errors: ["/items/0/content must NOT have fewer than 1 characters"],
  },
  {
    id: "http/jwks.v1",
    value: { keys: [{ ...jwk, d: "private-exponent" }] },
    errors: ["/keys/0 must NOT have additional properties: 'd'"],
  },
  {
    id: "http/test-token.v1",
    value: { token: "a.b" },
    errors: ['/token must match pattern "^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$"'],
  },
  {
    id: "http/oauth-protected-resource.v1",
    value: { resource: "https://mcp.example.com/mcp#x", authorization_servers: [] },
    errors: [
      '/resource must match pattern "^https?://[^#]+$"',
      "/authorization_servers must NOT have fewer than 1 items",
    ],
  },
  {
    id: "http/oauth-authorization-server.v1",
    value: {
      issuer: "https://mcp.example.com",
      authorization_endpoint: "https://mcp.example.com/oauth/authorize",
      token_endpoint: "https://mcp.example.com/oauth/token",
      response_types_supported: ["code"],
      code_challenge_methods_supported: ["plain"],
    },
    errors: [
      '/code_challenge_methods_supported/0 must be equal to constant ("S256")',
      "/code_challenge_methods_supported must contain at least 1 valid item(s)",
    ],
  },
  {
    id: "http/oauth-client-registration.v1",
    value: { client_id: "c", client_secret: "s" },
    errors: ["/ must have property client_secret_expires_at when property client_secret is present"],
  },
  {
    id: "http/oauth-token.v1",
    value: { access_token: "t", token_type: "mac" },
    errors: ['/token_type must match pattern "^[Bb][Ee][Aa][Rr][Ee][Rr]$"'],
  },
  {
    id: "http/oauth-error.v1",
    value: { error_description: "x" },
    errors: ["/ must have required property 'error'"],
  },
  {
    id: "http/oauth-authorization-response.v1",
    value: { code: "c", error: "access_denied" },
    errors: [
      "/error boolean schema is false",
      "/code boolean schema is false",
      "/ must match exactly one schema in oneOf",
    ],
  },
  {
    id: "http/oauth-sign-in-code.v1",
    value: { code: "short", expires_at: "2026-01-15T10:30:31.123Z" },
    errors: ['/code must match pattern "^[A-Za-z0-9_-]{43}$"'],
  },
  {
    id: "ws/project-switched.v1",
    value: { type: "project_switched", session_id: sessionId, ts },
    errors: ["/ must have required property 'project_id'"],
  },
  {
    id: "ws/replay-done.v1",
    value: { type: "replay_done", run_id: runId, count: -1, ts },
    errors: ["/count must be >= 0"],
  },
];
