import assert from "node:assert/strict";
import { test } from "node:test";
import type { McpTool } from "./McpTool.ts";
import { paramHeaderValues, readParamHeaders } from "./toolParamHeaders.ts";

const tool = (inputSchema: Record<string, unknown>): McpTool => ({ name: "execute_sql", inputSchema });

test("reads annotations reached through properties, nested ones too, and mirrors the values", () => {
  const headers = readParamHeaders(
    tool({
      type: "object",
      properties: {
        region: { type: "string", "x-mcp-header": "Region" },
        options: { type: "object", properties: { dry: { type: "boolean", "x-mcp-header": "Dry-Run" } } },
        limit: { type: "integer", "x-mcp-header": "Limit" },
      },
    }),
  );
  assert.deepEqual(headers.problems, []);
  assert.deepEqual(paramHeaderValues(headers, { region: "eu west ", options: { dry: false }, limit: 42 }), {
    "Mcp-Param-Region": "=?base64?ZXUgd2VzdCA=?=",
    "Mcp-Param-Dry-Run": "false",
    "Mcp-Param-Limit": "42",
  });
  assert.deepEqual(paramHeaderValues(headers, { region: null }), {});
});

test("names each constraint an annotation breaks", () => {
  const { params, problems } = readParamHeaders(
    tool({
      type: "object",
      properties: {
        a: { type: "string", "x-mcp-header": "Has Space" },
        b: { type: "string", "x-mcp-header": "Dup" },
        c: { type: "string", "x-mcp-header": "dup" },
        d: { type: "number", "x-mcp-header": "Ratio" },
        e: { type: "array", items: { type: "string", "x-mcp-header": "Item" } },
      },
    }),
  );
  assert.deepEqual(
    params.map((p) => p.name),
    ["Dup"],
  );
  assert.deepEqual(problems, [
    'tool execute_sql: x-mcp-header at a is "Has Space", not an HTTP field-name token',
    'tool execute_sql: x-mcp-header at c: "dup" is used twice (names are unique ignoring case)',
    'tool execute_sql: x-mcp-header at d is on a "number" property; only string, integer or boolean',
    "tool execute_sql: x-mcp-header at inputSchema/properties/e/items is not reached through properties keys only",
  ]);
});
