import { encodeHeaderValue } from "./encodeHeaderValue.ts";
import type { McpTool } from "./McpTool.ts";

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const PRIMITIVE = new Set(["string", "integer", "boolean"]);

/** The `x-mcp-header` annotations of one tool: property path → header name part. */
export type ParamHeaders = { params: Array<{ path: string[]; name: string }>; problems: string[] };

/**
 * Reads a tool's `x-mcp-header` annotations (2026-07-28: a parameter mirrored into
 * `Mcp-Param-{name}`) and checks the spec's constraints on them: a token, unique ignoring case,
 * on a string/integer/boolean property reached through `properties` keys only. A breach is a
 * problem of the tool definition, reported rather than the tool dropped, so a suite can name it.
 *
 * @example
 * readParamHeaders(tool).params; // [{ path: ["region"], name: "Region" }]
 */
export function readParamHeaders(tool: McpTool): ParamHeaders {
  const params: ParamHeaders["params"] = [];
  const problems: string[] = [];
  const reachable = new Set<unknown>();
  const walkProperties = (schema: unknown, path: string[]): void => {
    if (typeof schema !== "object" || schema === null) return;
    reachable.add(schema);
    const node = schema as Record<string, unknown>;
    if ("x-mcp-header" in node && path.length > 0) {
      const name = node["x-mcp-header"];
      const where = `tool ${tool.name}: x-mcp-header at ${path.join(".")}`;
      if (typeof name !== "string" || !TOKEN.test(name)) {
        problems.push(`${where} is ${JSON.stringify(name)}, not an HTTP field-name token`);
      } else if (params.some((p) => p.name.toLowerCase() === name.toLowerCase())) {
        problems.push(`${where}: "${name}" is used twice (names are unique ignoring case)`);
      } else if (typeof node.type !== "string" || !PRIMITIVE.has(node.type)) {
        problems.push(
          `${where} is on a ${JSON.stringify(node.type)} property; only string, integer or boolean`,
        );
      } else {
        params.push({ path, name });
      }
    }
    const properties = node.properties;
    if (typeof properties === "object" && properties !== null) {
      for (const [key, child] of Object.entries(properties)) walkProperties(child, [...path, key]);
    }
  };
  walkProperties(tool.inputSchema, []);
  const walkAll = (value: unknown, path: string): void => {
    if (typeof value !== "object" || value === null) return;
    if (!reachable.has(value) && !Array.isArray(value) && "x-mcp-header" in value) {
      problems.push(`tool ${tool.name}: x-mcp-header at ${path} is not reached through properties keys only`);
    }
    for (const [key, child] of Object.entries(value)) walkAll(child, `${path}/${key}`);
  };
  walkAll(tool.inputSchema, "inputSchema");
  return { params, problems };
}

/**
 * The `Mcp-Param-{name}` headers for one call's arguments; a parameter with no value (absent or
 * null) gets no header.
 *
 * @example
 * paramHeaderValues(readParamHeaders(tool), { region: "us-west1" }); // { "Mcp-Param-Region": "us-west1" }
 */
export function paramHeaderValues(headers: ParamHeaders, args: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { path, name } of headers.params) {
    let value: unknown = args;
    for (const key of path) value = (value as Record<string, unknown> | null | undefined)?.[key];
    if (value === undefined || value === null) continue;
    if (typeof value === "string") out[`Mcp-Param-${name}`] = encodeHeaderValue(value);
    else if (typeof value === "boolean" || (typeof value === "number" && Number.isSafeInteger(value)))
      out[`Mcp-Param-${name}`] = String(value);
  }
  return out;
}
