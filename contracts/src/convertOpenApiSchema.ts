/** The `$id` under which a loaded document's `components.schemas` sit, as `$defs`, in its own Ajv. */
export const OPENAPI_COMPONENTS_ID = "https://assay.dev/openapi/components.json";

/** Keywords whose value is one schema. */
const ONE = new Set([
  "not",
  "if",
  "then",
  "else",
  "additionalProperties",
  "unevaluatedProperties",
  "unevaluatedItems",
  "contains",
  "propertyNames",
  "additionalItems",
  "contentSchema",
]);
/** Keywords whose value is a list of schemas. */
const LIST = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
/** Keywords whose value maps names to schemas. */
const MAP = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);

/** Where a schema sits in the document, for messages: `components.schemas.User.properties.name`. */
type Where = string;

/**
 * Turns one OpenAPI Schema Object into JSON Schema 2020-12 that Ajv compiles strictly:
 * `#/components/schemas/X` refs point into {@link OPENAPI_COMPONENTS_ID}; `x-` extensions are
 * dropped. For OpenAPI 3.0 (a draft-04 dialect): `nullable: true` becomes `anyOf [schema, null]`,
 * boolean `exclusiveMinimum`/`exclusiveMaximum` become numbers, and keywords beside a `$ref` are
 * dropped, as 3.0 ignores them. A 3.1 document using a 3.0-only form is refused with a message
 * saying how 3.1 writes it. Values (`enum`, `const`, `default`, `example`) are copied untouched.
 *
 * @example
 * convertOpenApiSchema({ type: "string", nullable: true }, "3.0", "components.schemas.Name");
 * // { anyOf: [{ type: "string" }, { type: "null" }] }
 */
export function convertOpenApiSchema(schema: unknown, version: "3.0" | "3.1", where: Where): unknown {
  if (typeof schema === "boolean" && version === "3.1") return schema;
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) {
    throw new Error(`[assay/contracts] ${where} is not a schema object: ${JSON.stringify(schema)}.`);
  }
  const source = schema as Record<string, unknown>;
  if (version === "3.0" && typeof source.$ref === "string") return { $ref: rewriteRef(source.$ref, where) };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key.startsWith("x-")) continue;
    const at = `${where}.${key}`;
    if (key === "$ref" && typeof value === "string") out.$ref = rewriteRef(value, where);
    else if (ONE.has(key) && typeof value !== "boolean") out[key] = convertOpenApiSchema(value, version, at);
    else if (key === "items")
      out.items = Array.isArray(value)
        ? value.map((item, i) => convertOpenApiSchema(item, version, `${at}.${i}`))
        : convertOpenApiSchema(value, version, at);
    else if (LIST.has(key) && Array.isArray(value))
      out[key] = value.map((item, i) => convertOpenApiSchema(item, version, `${at}.${i}`));
    else if (MAP.has(key) && typeof value === "object" && value !== null)
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [
          name,
          convertOpenApiSchema(sub, version, `${at}.${name}`),
        ]),
      );
    else out[key] = value;
  }
  return version === "3.0" ? from30(out, where) : refuse30(out, where);
}

function from30(schema: Record<string, unknown>, where: Where): Record<string, unknown> {
  for (const [exclusive, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof schema[exclusive] !== "boolean") continue;
    if (schema[exclusive] === true) {
      if (typeof schema[bound] !== "number")
        throw new Error(`[assay/contracts] ${where}: ${exclusive}: true needs a numeric ${bound} beside it.`);
      schema[exclusive] = schema[bound];
      delete schema[bound];
    } else delete schema[exclusive];
  }
  if (!("nullable" in schema)) return schema;
  const { nullable, ...rest } = schema;
  if (nullable === false) return rest;
  if (nullable !== true) throw new Error(`[assay/contracts] ${where}.nullable must be true or false.`);
  // Keeping the annotations outside the anyOf keeps them visible to tools that read them.
  const { description, title, ...checks } = rest;
  return {
    ...(description === undefined ? {} : { description }),
    ...(title === undefined ? {} : { title }),
    anyOf: [checks, { type: "null" }],
  };
}

function refuse30(schema: Record<string, unknown>, where: Where): Record<string, unknown> {
  if ("nullable" in schema) {
    throw new Error(
      `[assay/contracts] ${where}.nullable is OpenAPI 3.0; a 3.1 document writes type: ["string", "null"] (or anyOf with {"type": "null"}).`,
    );
  }
  for (const key of ["exclusiveMinimum", "exclusiveMaximum"]) {
    if (typeof schema[key] === "boolean") {
      throw new Error(
        `[assay/contracts] ${where}.${key} is a boolean, as in OpenAPI 3.0; a 3.1 document writes the bound itself: ${key}: 0.`,
      );
    }
  }
  return schema;
}

function rewriteRef(ref: string, where: Where): string {
  if (ref.startsWith("#/components/schemas/"))
    return `${OPENAPI_COMPONENTS_ID}#/$defs/${ref.slice("#/components/schemas/".length)}`;
  // Other document-local pointers (#/paths/…, #/components/parameters/…) lead out of the schemas.
  if (ref.startsWith("#/components/") || ref.startsWith("#/paths/")) {
    throw new Error(
      `[assay/contracts] ${where}.$ref ${JSON.stringify(ref)} points outside components.schemas; a response schema may only $ref schemas.`,
    );
  }
  // `#/$defs/x` inside a schema with its own $id, or a URL an embedded $id answers: Ajv resolves them.
  return ref;
}
