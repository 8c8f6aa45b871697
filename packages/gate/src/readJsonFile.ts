import { readFileSync } from "node:fs";
import type { ErrorObject, SchemaObject } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { GateInputError } from "./GateInputError.ts";

const addFormats = addFormatsModule.default;
// Strict: a typo in one of our schemas fails at compile time instead of letting bad input through.
const ajv = new Ajv2020({ strict: true, allErrors: false, verbose: true });
addFormats(ajv);

/** Returns the first problem of a value as one line (`latency_p95_ms.run must be > 0 (exclusiveMinimum)`), or undefined. */
export type JsonCheck = (value: unknown) => string | undefined;

/**
 * Compiles a JSON Schema (draft 2020-12, ajv strict mode; an object or the URL of a schema file)
 * once into a check that names the JSON path, what is wrong and the schema rule it broke, on one
 * line. Shared by the gate's config files and `@assay/shards`' durations file.
 *
 * @example
 * const check = createJsonCheck(new URL("../schemas/gate.config.schema.json", import.meta.url));
 * check({ flaky_max: "2" }); // 'flaky_max must be integer (type), got "2"'
 */
export function createJsonCheck(schema: SchemaObject | URL): JsonCheck {
  // Read, not imported: JSON module imports still warn on some Node 22 releases.
  const validate = ajv.compile(schema instanceof URL ? JSON.parse(readFileSync(schema, "utf8")) : schema);
  return (value) => {
    if (validate(value)) return undefined;
    const error = pickError(validate.errors ?? []);
    if (!error) return "does not match its schema";
    const at = jsonPath(error);
    if (error.keyword === "additionalProperties")
      return `${at} is not a known key (additionalProperties; allowed: ${allowedKeys(error)})`;
    if (error.keyword === "required") return `${at} is missing (required)`;
    return `${at} ${error.message ?? "is invalid"} (${error.keyword}), got ${preview(valueAt(value, error))}`;
  };
}

/**
 * Reads a JSON file, parses it and, with a check, validates it: every failure is one
 * `GateInputError` line naming the file, its role, the JSON path, the rule and the fix.
 *
 * @example
 * const raw = readJsonFile("gate.config.json", { role: "budgets file", fix: "fix it or pass --config <path>", check });
 */
export function readJsonFile(path: string, how: { role: string; fix: string; check?: JsonCheck }): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "not found" : code === "EISDIR" ? "is a directory" : `unreadable (${code})`;
    throw new GateInputError(`${how.role} ${path} ${why}; ${how.fix}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new GateInputError(
      `${how.role} ${path} is not valid JSON (${(error as Error).message}); ${how.fix}`,
    );
  }
  const problem = how.check?.(value);
  if (problem) throw new GateInputError(`${how.role} ${path}: ${problem}; ${how.fix}`);
  return value;
}

// An anyOf reports each branch's error and then its own; the first branch's error is the most specific.
function pickError(errors: readonly ErrorObject[]): ErrorObject | undefined {
  return errors.find((e) => e.keyword !== "anyOf" && e.keyword !== "oneOf") ?? errors[0];
}

function allowedKeys(error: ErrorObject): string {
  const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ? Object.keys(properties).join(", ") : "see the schema";
}

/** JSON Pointer → `a.b[0]["key with spaces"]`; the root is `(root)`. */
function jsonPath(error: ErrorObject): string {
  const segments = error.instancePath === "" ? [] : error.instancePath.slice(1).split("/");
  if (error.keyword === "additionalProperties")
    segments.push(
      String((error.params as { additionalProperty: string }).additionalProperty)
        .replaceAll("~", "~0")
        .replaceAll("/", "~1"),
    );
  if (error.keyword === "required")
    segments.push(String((error.params as { missingProperty: string }).missingProperty));
  if (segments.length === 0) return "(root)";
  return segments
    .map((raw) => raw.replaceAll("~1", "/").replaceAll("~0", "~"))
    .map((key, i) =>
      /^\d+$/.test(key)
        ? `[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(key)
          ? `${i === 0 ? "" : "."}${key}`
          : `[${JSON.stringify(key)}]`,
    )
    .join("");
}

function valueAt(root: unknown, error: ErrorObject): unknown {
  let value = root;
  for (const raw of error.instancePath === "" ? [] : error.instancePath.slice(1).split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    value = (value as Record<string, unknown> | undefined)?.[key];
  }
  return value;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
