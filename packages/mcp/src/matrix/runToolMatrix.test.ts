import assert from "node:assert/strict";
import { test } from "node:test";
import { parseTargetConfig } from "./readTargetConfig.ts";
import {
  type ListedTool,
  type MatrixClient,
  modelText,
  readPointer,
  runToolMatrix,
} from "./runToolMatrix.ts";

// An in-memory MCP server with three tools, enough to drive the matrix end to end without a
// network; the real servers are the suites' business (packages/mcp/suites/tools.spec.ts).
const projectTools: ListedTool[] = [
  {
    name: "create_project",
    inputSchema: {
      type: "object",
      properties: { name: { type: "string", minLength: 1, maxLength: 20 } },
      required: ["name"],
      additionalProperties: false,
    },
    outputSchema: {
      type: "object",
      properties: { project_id: { type: "string" } },
      required: ["project_id"],
    },
    annotations: { destructiveHint: false },
  },
  {
    name: "delete_project",
    inputSchema: {
      type: "object",
      properties: { project_id: { type: "string" } },
      required: ["project_id"],
      additionalProperties: false,
    },
    annotations: { destructiveHint: true },
  },
  {
    name: "health",
    inputSchema: { type: "object", additionalProperties: false },
    annotations: { readOnlyHint: true },
  },
];

type Faults = { outputBreak?: boolean; throw500?: string; hang?: string; lenient?: string };

function fakeClient(faults: Faults = {}): MatrixClient & { calls: string[] } {
  const projects = new Set<string>();
  const calls: string[] = [];
  const reply = (result: unknown, status = 200) => ({
    response: { jsonrpc: "2.0", id: calls.length, result },
    exchange: { status, ms: 1 },
  });
  const bad = (text: string) => reply({ content: [{ type: "text", text }], isError: true });
  return {
    era: "session",
    protocolVersion: "2025-11-25",
    serverInfo: { protocolVersion: "2025-11-25", serverInfo: { name: "fake", version: "1" } },
    calls,
    async listTools() {
      return projectTools;
    },
    async callTool(name, args) {
      calls.push(name);
      const a = args as Record<string, unknown>;
      if (faults.hang === name) return new Promise(() => {});
      if (faults.throw500 === name) return { response: undefined, exchange: { status: 500, ms: 1 } };
      const tool = projectTools.find((t) => t.name === name);
      const props = Object.keys((tool?.inputSchema as { properties?: object } | undefined)?.properties ?? {});
      if (faults.lenient !== name && Object.keys(a).some((k) => !props.includes(k)))
        return bad("unknown argument");
      if (name === "create_project") {
        if (typeof a.name !== "string" || a.name.length < 1 || a.name.length > 20) return bad("bad name");
        const id = `p${projects.size + 1}`;
        projects.add(id);
        return reply({
          content: [{ type: "text", text: JSON.stringify({ project_id: id }) }],
          structuredContent: { project_id: faults.outputBreak ? 42 : id },
        });
      }
      if (name === "delete_project") {
        if (typeof a.project_id !== "string" || !projects.delete(a.project_id)) return bad("not found");
        return reply({ content: [{ type: "text", text: "deleted" }] });
      }
      return reply({ content: [{ type: "text", text: "ok" }], structuredContent: { status: "ok" } });
    },
  };
}

const config = parseTargetConfig(
  {
    name: "fake",
    timeout_ms: 200,
    tools: { delete_project: { args_from: { project_id: "create_project#/project_id" } } },
    token_budgets: { "tools/list": 2000, tools: { health: 20 } },
  },
  "fake.json",
);
const run = (client: MatrixClient, overrides = {}) =>
  runToolMatrix({
    client,
    config,
    url: "http://fake/mcp",
    runId: "r1",
    seed: 42,
    shared: false,
    countTokens: (text) => text.split(/\W+/).filter(Boolean).length,
    now: () => new Date("2029-01-01T00:00:00Z"),
    ...overrides,
  });

test("a healthy server passes: every tool called, mutants refused, real ids flow between tools", async () => {
  const client = fakeClient();
  const matrix = await run(client);
  const failures = matrix.cases.filter((c) => c.status === "fail");
  assert.deepEqual(failures, []);
  assert.equal(matrix.verdict, "pass");
  assert.equal(matrix.totals.called, 3);
  assert.deepEqual(
    matrix.cases.filter((c) => c.tool === "delete_project").map((c) => `${c.case}=${c.status}`),
    [
      "schema=pass",
      "missing_required:/project_id=pass",
      "wrong_type:/project_id=pass",
      "extra_property:/=pass",
      "valid=pass",
    ],
  );
  assert.equal(client.calls.at(-1), "delete_project");
  assert.deepEqual(
    matrix.tokens.map((t) => t.part),
    ["tools/list", "initialize", "tools/call health"],
  );
});

test("output that breaks the outputSchema fails the valid case, naming tool and path; dependents are skipped", async () => {
  const matrix = await run(fakeClient({ outputBreak: true }));
  assert.equal(matrix.verdict, "fail");
  const valid = matrix.cases.find((c) => c.tool === "create_project" && c.case === "valid");
  assert.match(
    valid?.reason ?? "",
    /structuredContent does not match the outputSchema: \/project_id must be string/,
  );
  const dependent = matrix.cases.find((c) => c.tool === "delete_project" && c.case === "valid");
  assert.equal(dependent?.status, "skipped");
  assert.match(dependent?.reason ?? "", /create_project's valid call failed/);
});

test("HTTP 500, a hang and accepted invalid arguments each fail the cases they hit", async () => {
  const crashed = await run(fakeClient({ throw500: "health" }));
  assert.match(
    crashed.cases.find((c) => c.tool === "health" && c.case === "valid")?.reason ?? "",
    /HTTP 500/,
  );
  const hung = await run(fakeClient({ hang: "health" }));
  assert.match(
    hung.cases.find((c) => c.tool === "health" && c.case === "valid")?.reason ?? "",
    /no answer within 200 ms/,
  );
  const lenient = await run(fakeClient({ lenient: "health" }));
  const extra = lenient.cases.find((c) => c.tool === "health" && c.case === "extra_property:/");
  assert.equal(extra?.status, "fail");
  assert.match(extra?.reason ?? "", /invalid arguments were accepted/);
});

test("a shared target leaves destructive tools uncalled; a budget overrun and an empty server fail", async () => {
  const client = fakeClient();
  const shared = await run(client, { shared: true });
  assert.ok(!client.calls.includes("delete_project"));
  assert.equal(
    shared.tools.find((t) => t.name === "delete_project")?.skipped?.startsWith("destructive"),
    true,
  );
  const tight = await run(fakeClient(), {
    config: { ...config, token_budgets: { "tools/list": 3 } },
  });
  assert.equal(tight.tokens[0]?.ok, false);
  assert.equal(tight.verdict, "fail");
  const empty = await run({ ...fakeClient(), listTools: async () => [] });
  assert.equal(empty.verdict, "fail");
  assert.equal(empty.totals.called, 0);
});

test("problems the client recorded on its exchanges fail the matrix", async () => {
  const matrix = await run({
    ...fakeClient(),
    problems: () => ["tools/call #3: result: must have required property 'content'"],
  });
  assert.equal(matrix.verdict, "fail");
  assert.deepEqual(matrix.protocol_problems, [
    "tools/call #3: result: must have required property 'content'",
  ]);
});

test("the same seed sends the same arguments", async () => {
  const a = fakeClient();
  const b = fakeClient();
  const sent: unknown[][] = [[], []];
  const record = (client: MatrixClient, into: unknown[]): MatrixClient => ({
    ...client,
    callTool: (name, args) => {
      into.push([name, args]);
      return client.callTool(name, args);
    },
  });
  await run(record(a, sent[0] as unknown[]));
  await run(record(b, sent[1] as unknown[]));
  assert.deepEqual(sent[0], sent[1]);
});

test("a tool's tokens are those of the text a model reads", () => {
  const result = {
    content: [
      { type: "text", text: "a" },
      { type: "text", text: "b" },
    ],
    structuredContent: { x: 1 },
    _meta: {},
  };
  assert.equal(modelText(result), "a\nb");
  assert.equal(modelText({ content: [], structuredContent: { x: 1 } }), '{"x":1}');
  assert.equal(modelText(null), "");
});

test("readPointer follows JSON pointers into objects and arrays", () => {
  assert.equal(readPointer({ a: [{ "b/c": 1 }] }, "/a/0/b~1c"), 1);
  assert.equal(readPointer({ a: 1 }, "/x/y"), undefined);
});
