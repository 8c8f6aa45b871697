import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { JsonSchema } from "./McpTool.ts";

const ajv = new Ajv2020({ allErrors: true, strict: true, useDefaults: false });
addFormats.default(ajv);
const cache = new WeakMap<JsonSchema, ValidateFunction>();

function describe(error: ErrorObject): string {
  const where =
    error.instancePath === "" ? "arguments" : `"${error.instancePath.slice(1).replaceAll("/", ".")}"`;
  if (error.keyword === "additionalProperties")
    return `unknown argument "${String(error.params.additionalProperty)}"`;
  if (error.keyword === "required") return `missing argument "${String(error.params.missingProperty)}"`;
  return `${where} ${error.message ?? "is invalid"}`;
}

// PostgreSQL stores neither U+0000 nor a lone surrogate (it would come back as U+FFFD): the same
// refusal as the REST API's, which JSON Schema cannot say.
function unstorable(value: unknown, path: string): string | null {
  if (typeof value === "string") {
    if (value.includes("\u0000")) return `"${path}" must not contain NUL characters`;
    if (!value.isWellFormed()) return `"${path}" must be well-formed Unicode (no lone surrogates)`;
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = unstorable(item, path === "" ? key : `${path}.${key}`);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Checks tool arguments against the tool's inputSchema (JSON Schema 2020-12, formats asserted):
 * null when they fit, else one line naming every problem, for the `isError` result.
 * @example validateArguments(schema, { name: "" }) // 'Invalid arguments: "name" must NOT have fewer than 1 characters'
 */
export function validateArguments(schema: JsonSchema, args: unknown): string | null {
  let validate = cache.get(schema);
  if (validate === undefined) {
    validate = ajv.compile(schema);
    cache.set(schema, validate);
  }
  if (!validate(args)) {
    const problems = [...new Set((validate.errors ?? []).map(describe))];
    return `Invalid arguments: ${problems.join("; ")}.`;
  }
  const bad = unstorable(args, "");
  return bad === null ? null : `Invalid arguments: ${bad}.`;
}
