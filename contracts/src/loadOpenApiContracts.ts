import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { convertOpenApiSchema, OPENAPI_COMPONENTS_ID } from "./convertOpenApiSchema.ts";
import { type ContractRegistry, eventContractId } from "./createRegistry.ts";
import { formatErrors } from "./formatErrors.ts";

const addFormats = addFormatsModule.default;
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
/** The 3.1 dialects whose schemas are plain 2020-12 plus OpenAPI's annotation keywords. */
const DIALECTS_31 = new Set([
  "https://json-schema.org/draft/2020-12/schema",
  "https://spec.openapis.org/oas/3.1/dialect/base",
  "https://spec.openapis.org/oas/3.1/dialect/2024-10-25",
]);
const ID = /^openapi:(.+)#([^#]+)$/;
/** Every OpenAPI contract id starts so: coverage tells them from the ids of `contracts/`. */
export const OPENAPI_ID_PREFIX = "openapi:";

/** One response of one operation: its compiled body schema, or why it has none. */
type Body = { validate: ValidateFunction } | { problem: string };
type Response = Body & { id: string };

/** The contracts of one OpenAPI document. */
export interface OpenApiContracts extends ContractRegistry {
  /**
   * The id of the response an id resolves to (`openapi:getUser#404` → `openapi:getUser#4XX` when
   * the operation lists 4XX but not 404); throws as `validator` does.
   */
  resolve(id: string): string;
}

/**
 * Reads an OpenAPI 3.0 or 3.1 document (a JSON file or the parsed object) and compiles, once,
 * one contract per operation and response status with a JSON body: the id is
 * `openapi:<operationId>#<status>` (`openapi:GET /v1/things/{id}#200` for an operation without an
 * operationId). The result is a registry for `toMatchContract`'s `registry` option. A status
 * the operation does not list falls back to its `4XX`-style range, then to `default`, as OpenAPI
 * reads them. `$ref`s to `components.schemas` resolve; OpenAPI 3.0's `nullable` and boolean
 * `exclusiveMinimum`/`exclusiveMaximum` are translated (convertOpenApiSchema.ts). YAML is not
 * read: save the document as JSON. The body is matched whatever the response's status; check the
 * status with `expect(response.status())`.
 *
 * @example
 * const api = loadOpenApiContracts("openapi.json");
 * const response = await request.get(`/v1/conversations/${id}`);
 * expect(response.status()).toBe(200);
 * await expect(response).toMatchContract("openapi:getConversation#200", { registry: api });
 */
export function loadOpenApiContracts(source: string | object): OpenApiContracts {
  const where = typeof source === "string" ? resolve(source) : "the OpenAPI document";
  const document = typeof source === "string" ? readDocument(where) : (source as Record<string, unknown>);
  const version = versionOf(document, where);
  // Unknown keywords and formats stay errors (typos); the strict checks that refuse valid JSON
  // Schema common in OpenAPI documents (`required` naming a property of an allOf sibling,
  // `properties` without `type: object`) are off.
  const ajv = new Ajv2020({
    strict: true,
    strictRequired: false,
    strictTypes: false,
    strictTuples: false,
    allErrors: true,
    allowUnionTypes: true,
  });
  addFormats(ajv);
  // OpenAPI's own schema keywords are annotations; `discriminator` only names the branch that
  // oneOf already picks, so it does not need Ajv's (stricter) discriminator support.
  ajv.addVocabulary(["example", "xml", "externalDocs", "discriminator"]);
  const components = (document.components ?? {}) as { schemas?: Record<string, unknown> };
  const $defs = Object.fromEntries(
    Object.entries(components.schemas ?? {}).map(([name, schema]) => [
      name,
      convertOpenApiSchema(schema, version, `components.schemas.${name}`),
    ]),
  );
  // OpenAPI leaves `format` open (int32, custom names): one Ajv does not know is an annotation.
  for (const format of formatsIn([$defs, document.paths])) {
    if (!ajv.formats[format]) ajv.addFormat(format, true);
  }
  try {
    ajv.addSchema({ $id: OPENAPI_COMPONENTS_ID, $defs });
  } catch (error) {
    throw new Error(`[assay/contracts] ${where}: components.schemas: ${(error as Error).message}.`);
  }

  const operations = new Map<string, Map<string, Response>>();
  const paths = (document.paths ?? {}) as Record<string, Record<string, unknown>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const operation = item?.[method] as { operationId?: unknown; responses?: unknown } | undefined;
      if (operation === undefined) continue;
      const key =
        typeof operation.operationId === "string" ? operation.operationId : `${method.toUpperCase()} ${path}`;
      if (operations.has(key))
        throw new Error(`[assay/contracts] ${where}: operationId ${key} is used twice.`);
      const responses = new Map<string, Response>();
      for (const [status, response] of Object.entries(
        (operation.responses ?? {}) as Record<string, unknown>,
      )) {
        const at = `paths.${path}.${method}.responses.${status}`;
        const named = `response ${status} of ${key}${key.includes(" ") ? "" : ` (${method.toUpperCase()} ${path})`}`;
        const id = `${OPENAPI_ID_PREFIX}${key}#${normalStatus(status)}`;
        const compiled = compileResponse(ajv, document, response, version, where, at, named);
        responses.set(normalStatus(status), { ...compiled, id });
      }
      operations.set(key, responses);
    }
  }
  if (operations.size === 0)
    throw new Error(`[assay/contracts] ${where} describes no operation under paths.`);

  const ids = [...operations.values()]
    .flatMap((responses) => [...responses.values()].filter((r) => "validate" in r).map((r) => r.id))
    .sort();
  function validator(id: string): ValidateFunction {
    const response = lookup(operations, id, where);
    if ("problem" in response) throw new Error(response.problem);
    return response.validate;
  }
  return {
    dir: where,
    ids: () => [...ids],
    has(id) {
      try {
        return typeof validator(id) === "function";
      } catch {
        return false;
      }
    },
    validate(id, value) {
      const compiled = validator(id);
      if (compiled(value)) return { valid: true, errors: [] };
      return { valid: false, errors: formatErrors(compiled.errors ?? []) };
    },
    validator,
    resolve: (id) => lookup(operations, id, where).id,
    eventContractId,
    logContractId: () => null,
  };
}

function readDocument(file: string): Record<string, unknown> {
  if (/\.ya?ml$/i.test(file)) {
    throw new Error(`[assay/contracts] ${file}: YAML is not read; save the OpenAPI document as JSON.`);
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(
      `[assay/contracts] cannot read the OpenAPI document ${file}: ${(error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`[assay/contracts] ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function versionOf(document: Record<string, unknown>, where: string): "3.0" | "3.1" {
  const { openapi } = document;
  const version = typeof openapi === "string" ? /^3\.([01])\.\d+/.exec(openapi)?.[1] : undefined;
  if (version === undefined) {
    const shown =
      openapi === undefined
        ? `swagger ${JSON.stringify(document.swagger)}`
        : `openapi ${JSON.stringify(openapi)}`;
    throw new Error(
      `[assay/contracts] ${where} is not an OpenAPI 3.0 or 3.1 document (${shown}); convert a Swagger 2.0 document to OpenAPI 3 first.`,
    );
  }
  const dialect = document.jsonSchemaDialect;
  if (version === "1" && dialect !== undefined && !DIALECTS_31.has(String(dialect))) {
    throw new Error(
      `[assay/contracts] ${where} sets jsonSchemaDialect ${JSON.stringify(dialect)}; Assay compiles the OpenAPI 3.1 default, JSON Schema 2020-12.`,
    );
  }
  return version === "0" ? "3.0" : "3.1";
}

function compileResponse(
  ajv: Ajv2020,
  document: Record<string, unknown>,
  response: unknown,
  version: "3.0" | "3.1",
  where: string,
  at: string,
  named: string,
): Body {
  const resolved = resolveResponse(document, response, where, at);
  const content = (resolved.content ?? {}) as Record<string, { schema?: unknown }>;
  const types = Object.keys(content);
  const json = types.find((type) => /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type));
  if (json === undefined) {
    const has = types.length === 0 ? "no content" : `content ${types.join(", ")}`;
    return { problem: `[assay/contracts] The ${named} in ${where} has no JSON body schema (${has}).` };
  }
  if (content[json]?.schema === undefined) {
    return { problem: `[assay/contracts] The ${named} in ${where} has ${json} content without a schema.` };
  }
  const schema = convertOpenApiSchema(content[json].schema, version, `${at}.content.${json}.schema`);
  try {
    return { validate: ajv.compile(schema as object) };
  } catch (error) {
    const hint = /can't resolve reference/.test((error as Error).message)
      ? " Bundle external $refs into the document (components.schemas) first."
      : "";
    throw new Error(
      `[assay/contracts] ${where}: the schema at ${at} does not compile: ${(error as Error).message}.${hint}`,
    );
  }
}

function resolveResponse(
  document: Record<string, unknown>,
  response: unknown,
  where: string,
  at: string,
): { content?: unknown } {
  let current = response as { $ref?: unknown; content?: unknown } | undefined;
  for (let hops = 0; typeof current?.$ref === "string"; hops++) {
    const name = /^#\/components\/responses\/([^/]+)$/.exec(current.$ref)?.[1];
    const target =
      name === undefined
        ? undefined
        : (document.components as Record<string, Record<string, unknown>>)?.responses?.[name];
    if (target === undefined || hops > 10) {
      throw new Error(
        `[assay/contracts] ${where}: ${at} refers to ${current.$ref}, which is not in components.responses.`,
      );
    }
    current = target as typeof current;
  }
  return current ?? {};
}

function lookup(operations: Map<string, Map<string, Response>>, id: string, where: string): Response {
  const match = typeof id === "string" ? ID.exec(id) : null;
  if (match === null) {
    throw new Error(
      `[assay/contracts] ${JSON.stringify(id)} is not an OpenAPI contract id; write "openapi:<operationId>#<status>", e.g. "openapi:getUser#200".`,
    );
  }
  const [, key = "", status = ""] = match;
  const responses = operations.get(key);
  if (responses === undefined) {
    const known = [...operations.keys()].sort();
    const shown = known.slice(0, 40).join(", ") + (known.length > 40 ? `, … (${known.length} in all)` : "");
    throw new Error(
      `[assay/contracts] No operation ${JSON.stringify(key)} in ${where}. Known operationIds: ${shown}.`,
    );
  }
  const wanted = normalStatus(status);
  const range = /^[1-5]\d\d$/.test(wanted) ? `${wanted[0]}XX` : "";
  const response = responses.get(wanted) ?? responses.get(range) ?? responses.get("default");
  if (response === undefined) {
    const known = [...responses.keys()].join(", ") || "none";
    throw new Error(
      `[assay/contracts] Operation ${key} in ${where} has no response ${status}. Its responses: ${known}.`,
    );
  }
  return response;
}

/** `2xx` → `2XX`, `Default` → `default`: OpenAPI's keys, in one spelling. */
function normalStatus(status: string): string {
  return status.toLowerCase() === "default" ? "default" : status.toUpperCase();
}

function formatsIn(values: unknown[]): Set<string> {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) visit(item);
    else if (typeof value === "object" && value !== null) {
      for (const [key, sub] of Object.entries(value)) {
        if (key === "format" && typeof sub === "string") found.add(sub);
        else visit(sub);
      }
    }
  };
  for (const value of values) visit(value);
  return found;
}
