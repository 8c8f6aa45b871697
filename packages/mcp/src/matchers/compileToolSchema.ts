import { Ajv as AjvDraft07, type Options, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS: the function is the default import at run time and `.default` in its types.
const addFormats = addFormatsModule.default;

/** A tool schema compiled, or why it does not compile. */
export type CompiledToolSchema = { ok: true; validate: ValidateFunction } | { ok: false; problem: string };

const DRAFT_07 = new Set([
  "http://json-schema.org/draft-07/schema#",
  "http://json-schema.org/draft-07/schema",
]);
const DRAFT_2020 = "https://json-schema.org/draft/2020-12/schema";
const cache = new Map<string, CompiledToolSchema>();
let ajv2020: Ajv2020 | undefined;
let ajv07: AjvDraft07 | undefined;

function options(): Options {
  // Strict, so a misspelt keyword in a server's schema is a finding, not a schema that accepts
  // anything; `x-mcp-header` is the one extension keyword MCP defines for tool schemas.
  return { strict: true, allErrors: true, allowUnionTypes: true, validateFormats: true };
}

function instance(draft07: boolean): Ajv2020 | AjvDraft07 {
  if (draft07) {
    ajv07 ??= addKeywords(new AjvDraft07(options()));
    return ajv07;
  }
  ajv2020 ??= addKeywords(new Ajv2020(options()));
  return ajv2020;
}

function addKeywords<T extends Ajv2020 | AjvDraft07>(ajv: T): T {
  addFormats(ajv);
  ajv.addKeyword({ keyword: "x-mcp-header", schemaType: "string" });
  return ajv;
}

/**
 * Compiles a tool's `inputSchema` or `outputSchema` once (cached by its JSON text) with the
 * dialect it declares: JSON Schema 2020-12 when `$schema` is absent, as MCP says, or draft-07.
 * Another dialect, or a schema strict Ajv refuses, comes back as a problem.
 *
 * @example
 * const compiled = compileToolSchema(tool.outputSchema);
 * if (compiled.ok && !compiled.validate(result.structuredContent)) console.log(compiled.validate.errors);
 */
export function compileToolSchema(schema: unknown): CompiledToolSchema {
  const key = JSON.stringify(schema) ?? "undefined";
  const known = cache.get(key);
  if (known !== undefined) return known;
  const compiled = compile(schema);
  cache.set(key, compiled);
  return compiled;
}

function compile(schema: unknown): CompiledToolSchema {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) {
    return {
      ok: false,
      problem: `the schema is ${Array.isArray(schema) ? "an array" : typeof schema}, not an object`,
    };
  }
  const dialect = (schema as { $schema?: unknown }).$schema;
  if (dialect !== undefined && dialect !== DRAFT_2020 && !DRAFT_07.has(dialect as string)) {
    return {
      ok: false,
      problem: `$schema ${JSON.stringify(dialect)} is a dialect Assay does not compile (2020-12, draft-07)`,
    };
  }
  // A server's $id may collide with another tool's; the cache key already tells schemas apart.
  const { $id: _id, ...anonymous } = schema as Record<string, unknown>;
  try {
    return { ok: true, validate: instance(DRAFT_07.has(dialect as string)).compile(anonymous) };
  } catch (error) {
    return { ok: false, problem: `it does not compile: ${(error as Error).message}` };
  }
}
