import assert from "node:assert/strict";
import { after, before, test as nodeTest } from "node:test";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { MODERN_META, type RawMcpClient, rawMcpClient } from "./mcp/rawMcpClient.ts";
import { type ChildService, startChildService } from "./startChildService.ts";

// The MCP endpoint against the real service: both eras over real HTTP, with raw fetch (what an
// SDK would hide) and with the official SDK client as a second opinion; every fault flag.
let service: ChildService;
const test = (name: string, fn: () => Promise<void>) => nodeTest(name, { timeout: 30_000 }, fn);
const INTERNALS = /\bat \S+ \(|\.ts:\d+|node_modules|\/src\/|SELECT |INSERT /;
type User = { id: string; token: string };

before(async () => {
  service = await startChildService();
});

after(async () => {
  const failures = service.logs.filter((entry) => Number(entry.status) >= 500 || entry.level === "error");
  // Stopped first: a failed check below must not leave the service (and this run) hanging.
  await service.stop();
  // Only the mcp_throw_500 test may produce a 500, and only for its own user.
  assert.deepEqual(
    failures.filter((entry) => entry.event !== "request" || entry.route !== "/mcp" || entry.status !== 500),
    [],
  );
});

const session = (user: User, version?: string) =>
  rawMcpClient(service.base, user.token, { era: "session", ...(version ? { version } : {}) });
const stateless = (user: User) => rawMcpClient(service.base, user.token, { era: "stateless" });

async function setFault(user: User, fault: string, enabled = true) {
  const answer = await service.call("PUT", "/v1/test-support/faults", service.admin, {
    user_id: user.id,
    fault,
    enabled,
  });
  assert.equal(answer.status, 200);
}

// biome-ignore lint/suspicious/noExplicitAny: tool definitions as tools/list sends them
async function listAll(mcp: RawMcpClient): Promise<{ tools: any[]; pages: any[] }> {
  const pages = [];
  const tools = [];
  let cursor: string | undefined;
  do {
    const answer = await mcp.request("tools/list", cursor === undefined ? {} : { cursor });
    assert.equal(answer.status, 200, answer.text);
    pages.push(answer.json.result);
    tools.push(...answer.json.result.tools);
    cursor = answer.json.result.nextCursor;
  } while (cursor !== undefined);
  return { tools, pages };
}

const TOOL_NAMES = [
  "health",
  "discover",
  "quickstart",
  "create_project",
  "list_projects",
  "rename_project",
  "delete_project",
  "switch_project",
  "current_project",
  "lock_context",
  "recall_context",
  "list_contexts",
  "unlock_context",
  "start_conversation",
  "list_conversations",
  "send_message",
  "list_messages",
  "delete_conversation",
  "get_run_status",
  "list_run_events",
  "get_memory",
  "whoami",
];

test("no token, a bad token: 401 with the error envelope and WWW-Authenticate: Bearer", async () => {
  for (const token of [null, "not-a-jwt"]) {
    const mcp = await rawMcpClient(service.base, token, { era: "stateless" });
    for (const answer of [
      await mcp.request("server/discover"),
      await mcp.send("GET", {}),
      await mcp.send("DELETE", { headers: { "mcp-session-id": "x" } }),
    ]) {
      assert.equal(answer.status, 401);
      assert.match(answer.headers.get("www-authenticate") ?? "", /^Bearer /);
      assert.equal(answer.json.error.code, "unauthorized");
    }
  }
});

test("session era (2025-11-25): initialize, tools/list over two pages, tools/call, GET stream, DELETE", async () => {
  const alice = await service.createUser();
  const mcp = await session(alice);
  assert.match(mcp.sessionId ?? "", /^[\x21-\x7e]+$/, "session id is visible ASCII");
  const { tools, pages } = await listAll(mcp);
  assert.ok(pages.length >= 2, "the list is paged: clients must follow nextCursor");
  assert.deepEqual(
    tools.map((tool) => tool.name),
    TOOL_NAMES,
  );
  for (const tool of tools) {
    assert.equal(tool.inputSchema.type, "object", tool.name);
    assert.equal(tool.inputSchema.additionalProperties, false, tool.name);
    assert.equal(tool.outputSchema.type, "object", tool.name);
    assert.equal(
      "project_handle" in tool.inputSchema.properties,
      false,
      `${tool.name}: no handles in sessions`,
    );
  }
  assert.ok(
    pages.every((page) => !("resultType" in page)),
    "no 2026 fields in the 2025 era",
  );
  const created = await mcp.call("create_project", { name: "Research" });
  assert.equal(created.isError, undefined);
  assert.equal(created.structuredContent.project.name, "Research");
  assert.deepEqual(JSON.parse(created.content[0].text), created.structuredContent);
  const stream = await fetch(`${service.base}/mcp`, {
    headers: {
      authorization: `Bearer ${alice.token}`,
      accept: "text/event-stream",
      "mcp-session-id": mcp.sessionId ?? "",
      "mcp-protocol-version": "2025-11-25",
    },
  });
  assert.equal(stream.status, 200);
  assert.match(stream.headers.get("content-type") ?? "", /^text\/event-stream/);
  await stream.body?.cancel();
  const ended = await mcp.send("DELETE", {
    headers: { "mcp-session-id": mcp.sessionId ?? "", "mcp-protocol-version": "2025-11-25" },
  });
  assert.equal(ended.status, 200);
  const after = await mcp.request("tools/list");
  assert.equal(after.status, 404, "a terminated session is 404");
  assert.equal(typeof after.json.error.code, "number");
  assert.equal("id" in after.json, false, "no id rather than a null one");
});

test("session era (2025-06-18): the version is negotiated and the tools work", async () => {
  const bob = await service.createUser();
  const mcp = await session(bob, "2025-06-18");
  const health = await mcp.call("health");
  assert.deepEqual(health.structuredContent, { status: "healthy" });
  const negotiated = await mcp.post({
    jsonrpc: "2.0",
    id: 99,
    method: "initialize",
    params: { protocolVersion: "2024-01-01", capabilities: {}, clientInfo: { name: "t", version: "1" } },
  });
  assert.equal(
    negotiated.json.result.protocolVersion,
    "2025-11-25",
    "an unknown version gets the latest 2025 one",
  );
  assert.equal(negotiated.json.id, 99);
});

test("session era refusals: unknown, foreign and missing session ids, bad version header, notifications", async () => {
  const alice = await service.createUser();
  const bob = await service.createUser();
  const mine = await session(alice);
  const theirs = await rawMcpClient(service.base, bob.token, { era: "session" });
  theirs.sessionId = mine.sessionId;
  assert.equal((await theirs.request("tools/list")).status, 404, "another user's session id is unknown");
  theirs.sessionId = "00000000-0000-4000-8000-000000000000";
  assert.equal((await theirs.request("tools/list")).status, 404);
  theirs.sessionId = null;
  assert.equal((await theirs.request("tools/list")).status, 400, "no session id, no initialize: 400");
  const badVersion = await mine.request("tools/list", {}, { "mcp-protocol-version": "1999-01-01" });
  assert.equal(badVersion.status, 400);
  const note = await mine.post({ jsonrpc: "2.0", method: "notifications/roots/list_changed" });
  assert.equal(note.status, 202);
  assert.equal(note.text, "", "202 has no body");
  const listed = await mine.request("tools/list");
  assert.equal(listed.status, 200, "the real session still works");
});

test("stateless era (2026-07-28): server/discover, resultType everywhere, cache fields, stable tools/list", async () => {
  const alice = await service.createUser();
  const mcp = await stateless(alice);
  const discover = await mcp.request("server/discover");
  assert.equal(discover.status, 200);
  assert.deepEqual(discover.json.result.supportedVersions, ["2026-07-28"]);
  assert.equal(discover.json.result.resultType, "complete");
  assert.ok(discover.json.result.capabilities.tools);
  const first = await listAll(mcp);
  const second = await listAll(await stateless(alice));
  assert.deepEqual(second.tools, first.tools, "the same list, in the same order, on another connection");
  assert.deepEqual(
    first.tools.map((tool) => tool.name),
    TOOL_NAMES,
  );
  for (const page of first.pages) {
    assert.equal(page.resultType, "complete");
    assert.equal(Number.isInteger(page.ttlMs), true);
    assert.ok(["public", "private"].includes(page.cacheScope));
  }
  const handleTools = first.tools.filter((tool) => "project_handle" in tool.inputSchema.properties);
  assert.ok(handleTools.some((tool) => tool.name === "lock_context"));
  const health = await mcp.call("health");
  assert.equal(health.resultType, "complete");
  const unknown = await mcp.post(
    {
      jsonrpc: "2.0",
      id: "u-1",
      method: "tools/call",
      params: { name: "no_such_tool", arguments: {}, _meta: MODERN_META },
    },
    { "mcp-method": "tools/call", "mcp-name": "no_such_tool" },
  );
  assert.equal(unknown.json.error.code, -32602, "an unknown tool is a JSON-RPC error");
  assert.equal(unknown.json.id, "u-1", "the id is echoed");
  const method = await mcp.request("no/such/method");
  assert.equal(method.status, 404);
  assert.equal(method.json.error.code, -32601);
});

test("stateless era refusals: unsupported version lists every served one; header mismatch; GET 405; Accept without SSE 406", async () => {
  const alice = await service.createUser();
  const mcp = await stateless(alice);
  const old = await mcp.post(
    {
      jsonrpc: "2.0",
      id: "v",
      method: "tools/list",
      params: { _meta: { ...MODERN_META, "io.modelcontextprotocol/protocolVersion": "1900-01-01" } },
    },
    { "mcp-protocol-version": "1900-01-01", "mcp-method": "tools/list" },
  );
  assert.equal(old.status, 400);
  assert.equal(old.json.error.code, -32022);
  assert.equal(old.json.id, "v", "the id is echoed");
  assert.deepEqual(old.json.error.data.supported, ["2026-07-28", "2025-11-25", "2025-06-18"]);
  const mismatch = await mcp.request("tools/list", {}, { "mcp-method": "tools/call" });
  assert.equal(mismatch.status, 400);
  assert.equal(mismatch.json.error.code, -32020);
  const name = await mcp.request("tools/call", { name: "health", arguments: {} }, { "mcp-name": "whoami" });
  assert.equal(name.json.error.code, -32020);
  const get = await mcp.send("GET", { headers: { accept: "text/event-stream" } });
  assert.equal(get.status, 405);
  const note = await mcp.post(
    { jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 1, _meta: MODERN_META } },
    { "mcp-method": "notifications/cancelled" },
  );
  assert.equal(note.status, 202);
  assert.equal(note.text, "");
  const jsonOnly = await mcp.request("tools/list", {}, { accept: "application/json" });
  assert.equal(jsonOnly.status, 406, "a client that cannot take an SSE answer is refused, as in sessions");
  assert.equal(typeof jsonOnly.json.error.code, "number");
  const stray = await mcp.request("tools/list", {}, { "mcp-session-id": "whatever" });
  assert.equal(stray.status, 200, "a stray Mcp-Session-Id is ignored");
  assert.equal(stray.headers.get("mcp-session-id"), null, "and no session id is minted");
});

test("project handles: minted per user, acted on, refused to another user as a tool error", async () => {
  const alice = await service.createUser();
  const bob = await service.createUser();
  const mcp = await stateless(alice);
  const created = (await mcp.call("create_project", { name: "Handles" })).structuredContent;
  const handle = created.project_handle;
  assert.match(handle, /^ph1_[A-Za-z0-9_-]+$/);
  assert.equal(handle.includes(created.project.id), false, "the handle is opaque");
  const locked = await mcp.call("lock_context", {
    project_handle: handle,
    topic: "plan",
    content: "in Handles",
  });
  assert.equal(locked.structuredContent.context.project_id, created.project.id);
  const inDefault = await mcp.call("recall_context", { topic: "plan" });
  assert.equal(inDefault.structuredContent.found, false, "no handle: the default project");
  const current = await mcp.call("current_project", { project_handle: handle });
  assert.equal(current.structuredContent.project.id, created.project.id);
  const stolen = await (await stateless(bob)).call("recall_context", {
    project_handle: handle,
    topic: "plan",
  });
  assert.equal(stolen.isError, true);
  assert.equal(stolen.structuredContent, undefined, "an error, not data");
  assert.doesNotMatch(JSON.stringify(stolen), /in Handles/);
  // A character in the middle: every bit of it is ciphertext (the last one may carry padding bits only).
  const middle = Math.floor(handle.length / 2);
  const tampered = `${handle.slice(0, middle)}${handle[middle] === "A" ? "B" : "A"}${handle.slice(middle + 1)}`;
  assert.equal((await mcp.call("current_project", { project_handle: tampered })).isError, true);
});

test("session era: the current project lives in the session; two sessions never see each other's contexts", async () => {
  const alice = await service.createUser();
  const one = await session(alice);
  const two = await session(alice);
  const a = (await one.call("create_project", { name: "A" })).structuredContent.project;
  const b = (await one.call("create_project", { name: "B" })).structuredContent.project;
  await Promise.all([
    one.call("switch_project", { project_id: a.id }),
    two.call("switch_project", { project_id: b.id }),
  ]);
  await Promise.all([
    one.call("lock_context", { topic: "t", content: "only A" }),
    two.call("lock_context", { topic: "t", content: "only B" }),
  ]);
  assert.equal(
    (await one.call("recall_context", { topic: "t" })).structuredContent.context.content,
    "only A",
  );
  assert.equal(
    (await two.call("recall_context", { topic: "t" })).structuredContent.context.content,
    "only B",
  );
  assert.equal((await one.call("current_project")).structuredContent.project.id, a.id);
  const row = await service.call("GET", `/v1/sessions/${one.sessionId}`, alice.token);
  assert.equal(row.body.project_id, a.id, "the MCP session is an Assay session");
});

test("send_message runs the agent and returns the run's outcome, in both eras", async () => {
  const alice = await service.createUser();
  for (const mcp of [await session(alice), await stateless(alice)]) {
    const conversation = (await mcp.call("start_conversation", { title: "Talk" })).structuredContent
      .conversation;
    const sent = await mcp.call("send_message", {
      conversation_id: conversation.id,
      content: "hello #tool:echo",
    });
    assert.equal(sent.isError, undefined, JSON.stringify(sent));
    assert.equal(sent.structuredContent.run.status, "completed");
    assert.equal(sent.structuredContent.reply, "Echo: hello");
    assert.equal(sent.structuredContent.error, null);
    const runId = sent.structuredContent.run.id;
    const events = await mcp.call("list_run_events", { run_id: runId });
    assert.deepEqual(
      events.structuredContent.items.map((event: { type: string }) => event.type),
      [
        "agent_started",
        "agent_thinking",
        "tool_executing",
        "tool_completed",
        "agent_thinking",
        "agent_completed",
      ],
    );
    const failed = await mcp.call("send_message", {
      conversation_id: conversation.id,
      content: "#upstream:error",
    });
    assert.equal(failed.structuredContent.run.status, "failed");
    assert.equal(failed.structuredContent.error.code, "upstream_error");
    const messages = await mcp.call("list_messages", { conversation_id: conversation.id });
    assert.equal(messages.structuredContent.count, 3);
  }
});

test("every tool's output matches its outputSchema; bad arguments are isError with a useful message", async () => {
  const alice = await service.createUser();
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv);
  for (const era of ["session", "stateless"] as const) {
    const mcp = era === "session" ? await session(alice) : await stateless(alice);
    const { tools } = await listAll(mcp);
    const project = (await mcp.call("create_project", { name: `Everything ${era}` })).structuredContent;
    const scoped = era === "stateless" ? { project_handle: project.project_handle } : {};
    if (era === "session") await mcp.call("switch_project", { project_id: project.project.id });
    const spare = (await mcp.call("create_project", { name: "Spare" })).structuredContent.project;
    const conversation = (await mcp.call("start_conversation", { ...scoped, title: "T" })).structuredContent;
    const doomed = (await mcp.call("start_conversation", { ...scoped, title: "Doomed" })).structuredContent;
    const sent = (
      await mcp.call("send_message", {
        ...scoped,
        conversation_id: conversation.conversation.id,
        content: "hi",
      })
    ).structuredContent;
    await mcp.call("lock_context", { ...scoped, topic: "memo", content: "remember", tags: ["x"] });
    const valid: Record<string, Record<string, unknown>> = {
      create_project: { name: "Another" },
      rename_project: { project_id: spare.id, name: "Renamed" },
      delete_project: { project_id: spare.id },
      switch_project: { project_id: project.project.id },
      current_project: { ...scoped },
      lock_context: { ...scoped, topic: "plan", content: "c", tags: ["a"] },
      recall_context: { ...scoped, topic: "plan" },
      list_contexts: { ...scoped, limit: 5 },
      unlock_context: { ...scoped, topic: "plan" },
      start_conversation: { ...scoped, title: "More" },
      list_conversations: { ...scoped },
      send_message: {
        ...scoped,
        conversation_id: conversation.conversation.id,
        content: "again",
        wait_ms: 5000,
      },
      list_messages: { ...scoped, conversation_id: conversation.conversation.id },
      delete_conversation: { ...scoped, conversation_id: doomed.conversation.id },
      get_run_status: { run_id: sent.run.id },
      list_run_events: { run_id: sent.run.id, after_seq: 1 },
      get_memory: { ...scoped, limit: 3 },
    };
    for (const tool of tools) {
      const result = await mcp.call(tool.name, valid[tool.name] ?? {});
      assert.equal(result.isError, undefined, `${era} ${tool.name}: ${JSON.stringify(result.content)}`);
      const validate = ajv.compile(tool.outputSchema);
      assert.ok(
        validate(result.structuredContent),
        `${era} ${tool.name}: ${JSON.stringify(validate.errors)}`,
      );
      const bad = await mcp.call(tool.name, { ...(valid[tool.name] ?? {}), surplus: 1 });
      assert.equal(bad.isError, true, `${era} ${tool.name} refuses an extra argument`);
      assert.match(
        bad.content[0].text,
        new RegExp(`^${tool.name}: Invalid arguments: unknown argument "surplus"`),
      );
    }
    const outOfRange = await mcp.call("list_contexts", { ...scoped, limit: 1000 });
    assert.match(outOfRange.content[0].text, /"limit" must be <= 100/);
    const missing = await mcp.call("create_project", {});
    assert.match(missing.content[0].text, /missing argument "name"/);
    const nul = await mcp.call("create_project", { name: "a\u0000b" });
    assert.match(nul.content[0].text, /NUL/);
  }
});

test("nothing a client sends gives a 5xx or a stack", async () => {
  const alice = await service.createUser();
  const mcp = await stateless(alice);
  const bodies = [
    "[]",
    "null",
    '"x"',
    "{}",
    '{"jsonrpc":"2.0"}',
    '{"jsonrpc":"2.0","id":{},"method":1}',
    "[".repeat(100),
  ];
  for (const body of bodies) {
    const answer = await mcp.send("POST", {
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body,
    });
    assert.ok(answer.status >= 200 && answer.status < 500, `${body}: ${answer.status}`);
    assert.doesNotMatch(answer.text, INTERNALS);
  }
  const text = await mcp.send("POST", { headers: { "content-type": "text/plain" }, body: "hi" });
  assert.equal(text.status, 415);
  const calls = [
    {
      name: "send_message",
      arguments: { conversation_id: "00000000-0000-4000-8000-000000000000", content: "x" },
    },
    { name: "get_run_status", arguments: { run_id: "not-a-uuid" } },
    { name: "create_project", arguments: "not an object" },
    { name: "rename_project", arguments: { project_id: 7, name: ["x"] } },
  ];
  for (const params of calls) {
    const answer = await mcp.request("tools/call", params);
    assert.ok(answer.status < 500, answer.text);
    assert.doesNotMatch(answer.text, INTERNALS);
    assert.ok(answer.json.result?.isError === true || answer.json.error?.code === -32602, answer.text);
  }
});

test("origin: a foreign Origin is 403 with or without a token; our own and loopback origins pass", async () => {
  const alice = await service.createUser();
  const mcp = await stateless(alice);
  const evil = await mcp.request("server/discover", {}, { origin: "https://evil.example" });
  assert.equal(evil.status, 403);
  assert.equal("id" in evil.json, false);
  const anonymous = await rawMcpClient(service.base, null, { era: "stateless" });
  assert.equal((await anonymous.request("server/discover", {}, { origin: "null" })).status, 403);
  for (const origin of [service.base, "http://localhost:3000"])
    assert.equal((await mcp.request("server/discover", {}, { origin })).status, 200, origin);
});

test("the SDK client agrees: legacy connect and pinned 2026-07-28 both list and call", async () => {
  const alice = await service.createUser();
  const headers = { authorization: `Bearer ${alice.token}` };
  for (const mode of ["legacy", { pin: "2026-07-28" }] as const) {
    const client = new Client(
      { name: "sdk-second-opinion", version: "1.0.0" },
      { versionNegotiation: { mode } },
    );
    const transport = new StreamableHTTPClientTransport(new URL(`${service.base}/mcp`), {
      requestInit: { headers },
    });
    await client.connect(transport);
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor === undefined ? {} : { cursor });
      names.push(...page.tools.map((tool) => tool.name));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    assert.deepEqual(names, TOOL_NAMES);
    const result = await client.callTool({ name: "list_projects", arguments: {} });
    assert.equal((result.structuredContent as { count: number }).count >= 1, true);
    if (mode === "legacy") await transport.terminateSession();
    await client.close();
  }
});

test("faults: each of the six MCP faults changes what its user gets, and only its user", async () => {
  const faulty = await service.createUser();
  const healthy = await service.createUser();
  for (const fault of [
    "mcp_output_schema_break",
    "mcp_session_default_project",
    "mcp_unknown_session_400",
    "mcp_throw_500",
    "mcp_origin_unchecked",
    "mcp_tools_list_unstable",
  ])
    await setFault(faulty, fault);
  // mcp_output_schema_break: list_projects says count as a string.
  for (const [user, type] of [
    [faulty, "string"],
    [healthy, "number"],
  ] as const) {
    const listed = await (await stateless(user)).call("list_projects");
    assert.equal(typeof listed.structuredContent.count, type);
  }
  // mcp_session_default_project: after a switch, contexts land in the default project.
  for (const [user, lands] of [
    [faulty, "default"],
    [healthy, "switched"],
  ] as const) {
    const mcp = await session(user);
    const project = (await mcp.call("create_project", { name: "Switched" })).structuredContent.project;
    await mcp.call("switch_project", { project_id: project.id });
    const context = (await mcp.call("lock_context", { topic: "where", content: "?" })).structuredContent
      .context;
    assert.equal(context.project_id === project.id ? "switched" : "default", lands);
    assert.equal(
      (await mcp.call("current_project")).structuredContent.project.id,
      project.id,
      "still reports it",
    );
  }
  // mcp_unknown_session_400.
  for (const [user, status] of [
    [faulty, 400],
    [healthy, 404],
  ] as const) {
    const mcp = await rawMcpClient(service.base, user.token, { era: "session" });
    mcp.sessionId = "00000000-0000-4000-8000-000000000000";
    assert.equal((await mcp.request("tools/list")).status, status);
  }
  // mcp_throw_500: a tool refusing its arguments becomes an HTTP 500 (session and stateless).
  for (const [user, status] of [
    [faulty, 500],
    [healthy, 200],
  ] as const) {
    for (const mcp of [await session(user), await stateless(user)]) {
      const answer = await mcp.request("tools/call", { name: "create_project", arguments: {} });
      assert.equal(answer.status, status);
    }
  }
  // mcp_origin_unchecked.
  for (const [user, status] of [
    [faulty, 200],
    [healthy, 403],
  ] as const) {
    const answer = await (await stateless(user)).request(
      "server/discover",
      {},
      { origin: "https://evil.example" },
    );
    assert.equal(answer.status, status);
  }
  // mcp_tools_list_unstable: two connections of one user get different orders (the chance of two
  // equal shuffles of 22 tools is nil; five tries make a fluke impossible in practice).
  const orders = async (user: User) => {
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++)
      seen.add(
        ((await (await stateless(user)).request("tools/list")).json.result.tools as Array<{ name: string }>)
          .map((t) => t.name)
          .join(),
      );
    return seen.size;
  };
  assert.ok((await orders(faulty)) > 1);
  assert.equal(await orders(healthy), 1);
  for (const fault of ["mcp_output_schema_break", "mcp_throw_500"]) await setFault(faulty, fault, false);
  assert.equal(
    typeof (await (await stateless(faulty)).call("list_projects")).structuredContent.count,
    "number",
  );
});
