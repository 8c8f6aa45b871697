import type { ValidateFunction } from "ajv";
import { Ajv } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS: Node hands the function over as the default import.
const addFormats = addFormatsModule.default;

/** The dialects MCP schemas may declare with `$schema`; none declared means 2020-12. */
const DIALECTS: Record<string, "2020-12" | "2019-09" | "draft-07"> = {
  "https://json-schema.org/draft/2020-12/schema": "2020-12",
  "https://json-schema.org/draft/2019-09/schema": "2019-09",
  "http://json-schema.org/draft-07/schema": "draft-07",
};

/** A tool schema compiled once. `validate` is usable whenever `compiled` is not "no". */
export type CompiledSchema = {
  dialect: string;
  /** "strict": compiled in ajv strict mode; "lax": only without strict mode; "no": not at all. */
  compiled: "strict" | "lax" | "no";
  /** Why strict compilation failed (one line), empty when it did not. */
  problem: string;
  validate: ValidateFunction | null;
};

function createAjv(dialect: string, strict: boolean) {
  // Union types (`["string", "integer"]`) are plain JSON Schema; ajv's strict mode only asks
  // that they be allowed explicitly, as the contract registry does for the official schemas.
  const options = { strict, allErrors: true, validateFormats: true, allowUnionTypes: true };
  const ajv =
    dialect === "2019-09"
      ? new Ajv2019(options)
      : dialect === "draft-07"
        ? new Ajv(options)
        : new Ajv2020(options);
  addFormats(ajv);
  return ajv;
}

/**
 * Compiles a tool's `inputSchema` or `outputSchema` in its declared dialect (2020-12 when it
 * declares none, as MCP prescribes) with ajv in strict mode, so an unknown keyword or a `required`
 * property that is never defined is a finding. When strict mode refuses it, the schema is compiled
 * once more without strict mode only so the tool can still be called and judged; the problem stays
 * reported.
 *
 * @example
 * const input = compileToolSchema({ type: "object", properties: { n: { type: "integer" } } });
 * input.compiled; // "strict"
 * input.validate?.({ n: "x" }); // false
 */
export function compileToolSchema(schema: unknown): CompiledSchema {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema))
    return { dialect: "none", compiled: "no", problem: "is not a JSON Schema object", validate: null };
  const declared = (schema as { $schema?: unknown }).$schema;
  const key = typeof declared === "string" ? declared.replace(/#$/, "") : undefined;
  const dialect = key === undefined ? "2020-12" : DIALECTS[key];
  if (dialect === undefined)
    return {
      dialect: String(declared),
      compiled: "no",
      problem: `declares the unsupported dialect ${JSON.stringify(declared)}`,
      validate: null,
    };
  try {
    return { dialect, compiled: "strict", problem: "", validate: createAjv(dialect, true).compile(schema) };
  } catch (error) {
    const problem = `does not compile in ajv strict mode: ${oneLine(error)}`;
    try {
      return { dialect, compiled: "lax", problem, validate: createAjv(dialect, false).compile(schema) };
    } catch (laxError) {
      return { dialect, compiled: "no", problem: `does not compile: ${oneLine(laxError)}`, validate: null };
    }
  }
}

const oneLine = (error: unknown): string => (error as Error).message.replace(/\s*\n\s*/g, " ");
