import assert from "node:assert/strict";
import { test } from "node:test";
import { expect as baseExpect } from "@playwright/test";
import type { McpTool } from "../client/McpTool.ts";
import { compileToolSchema } from "./compileToolSchema.ts";
import { toMatchOutputSchema } from "./toMatchOutputSchema.ts";

const expect = baseExpect.extend({ toMatchOutputSchema });

const tool: McpTool = {
  name: "create_project",
  inputSchema: { type: "object" },
  outputSchema: {
    type: "object",
    properties: { id: { type: "string", format: "uuid" }, name: { type: "string" } },
    required: ["id", "name"],
    additionalProperties: false,
  },
};
const result = (structuredContent: unknown, isError = false) => ({
  content: [{ type: "text", text: JSON.stringify(structuredContent) }],
  structuredContent,
  isError,
});
const good = { id: "3c2b1a0f-9e8d-4c7b-8a69-584736251403", name: "Launch" };

test("passes when structuredContent matches the outputSchema", () => {
  expect(result(good)).toMatchOutputSchema(tool);
  expect({ jsonrpc: "2.0", id: 1, result: result(good) }).toMatchOutputSchema(tool);
  expect(result({ id: 7 })).not.toMatchOutputSchema(tool);
});

test("fails with the schema errors in the repo's format", () => {
  const broken = { id: "42", name: "Launch", owner: "alice" };
  assert.throws(
    () => expect(result(broken)).toMatchOutputSchema(tool),
    (error: Error) => {
      assert.equal(
        error.message,
        [
          'expect(result).toMatchOutputSchema("create_project") failed',
          "",
          "Contract: outputSchema of tool create_project",
          '  /id must match format "uuid"',
          "  / must NOT have additional properties: 'owner'",
          `Received: ${JSON.stringify(broken)}`,
        ].join("\n"),
      );
      return true;
    },
  );
});

test("fails on an error result, a missing structuredContent and a schema that does not compile", () => {
  assert.throws(
    () => expect(result(good, true)).toMatchOutputSchema(tool),
    /The tool result is an error \(isError: true\); only a successful result must match the outputSchema\./,
  );
  assert.throws(
    () => expect({ content: [] }).toMatchOutputSchema(tool),
    /The result has no structuredContent; a tool with an outputSchema MUST return it\./,
  );
  const typo = { ...tool, outputSchema: { type: "object", requird: ["id"] } };
  assert.throws(
    () => expect(result(good)).toMatchOutputSchema(typo),
    /The outputSchema cannot be used: it does not compile: strict mode: unknown keyword: "requird"\./,
  );
});

test("usage errors: no outputSchema, no tool", () => {
  assert.throws(
    () => expect(result(good)).toMatchOutputSchema({ name: "health", inputSchema: {} }),
    new Error(
      "[assay/mcp] toMatchOutputSchema: tool health declares no outputSchema, so there is nothing to match.",
    ),
  );
  assert.throws(
    () => expect(result(good)).toMatchOutputSchema(undefined as unknown as McpTool),
    /pass the tool as tools\/list described it/,
  );
});

test("compileToolSchema compiles each schema once, honours draft-07 and refuses other dialects", () => {
  const first = compileToolSchema({ type: "object", properties: { n: { type: "integer" } } });
  const again = compileToolSchema({ type: "object", properties: { n: { type: "integer" } } });
  assert.ok(first.ok && again.ok);
  assert.equal(first.validate, again.validate);
  const draft07 = compileToolSchema({
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    properties: { n: { type: "integer" } },
  });
  assert.ok(draft07.ok);
  assert.equal(draft07.validate({ n: 1.5 }), false);
  assert.deepEqual(compileToolSchema({ $schema: "http://json-schema.org/draft-04/schema#" }), {
    ok: false,
    problem:
      '$schema "http://json-schema.org/draft-04/schema#" is a dialect Assay does not compile (2020-12, draft-07)',
  });
  // x-mcp-header is MCP's own keyword for tool schemas, so strict mode knows it.
  assert.ok(
    compileToolSchema({ type: "object", properties: { r: { type: "string", "x-mcp-header": "Region" } } }).ok,
  );
});
