/** The ways a mutant breaks a tool's inputSchema. */
export type MutantKind = "missing_required" | "wrong_type" | "enum_miss" | "out_of_range" | "extra_property";

/** Valid arguments with one thing broken; `case` names the kind, the JSON pointer and the keyword. */
export type Mutant = { case: string; kind: MutantKind; args: Record<string, unknown> };

type Schema = Record<string, unknown>;
const EXTRA = "assay_unexpected_property";
const MAX_LENGTH = 100_000;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Mutants of valid arguments, each breaking exactly one rule of the inputSchema: a required
 * property removed, a property of the wrong type, a value outside an `enum`/`const`, a number,
 * string or array outside its range, an unknown property where `additionalProperties` or
 * `unevaluatedProperties` is false. Walks nested objects present in the arguments, following
 * local `$ref`s. Optional properties absent from the arguments are added broken. The caller
 * confirms each mutant is invalid with ajv before sending it: a mutant is a guess, ajv decides.
 *
 * @example
 * createMutants({ type: "object", properties: { n: { type: "integer", minimum: 1 } }, required: ["n"] }, { n: 2 })
 *   .map((m) => m.case);
 * // ["missing_required:/n", "wrong_type:/n", "out_of_range:/n:minimum"]
 */
export function createMutants(schema: unknown, args: Record<string, unknown>): Mutant[] {
  const mutants: Mutant[] = [];
  const root = isRecord(schema) ? schema : {};
  walk(root, root, args, [], args, mutants, 0);
  return mutants;
}

function walk(
  root: Schema,
  schema: Schema,
  value: Record<string, unknown>,
  path: string[],
  top: Record<string, unknown>,
  out: Mutant[],
  depth: number,
): void {
  const at = (key?: string): string => `/${[...path, ...(key === undefined ? [] : [key])].join("/")}`;
  const push = (kind: MutantKind, where: string, args: Record<string, unknown>, keyword?: string) =>
    out.push({ case: `${kind}:${where}${keyword ? `:${keyword}` : ""}`, kind, args });
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === "string") : [];
  for (const name of required)
    if (name in value) push("missing_required", at(name), setAt(top, path, name, undefined));
  for (const [name, raw] of Object.entries(properties)) {
    const prop = deref(root, raw);
    const wrong = wrongTypeValue(prop);
    if (wrong !== undefined) push("wrong_type", at(name), setAt(top, path, name, wrong.value));
    const miss = enumMiss(prop);
    if (miss !== undefined) push("enum_miss", at(name), setAt(top, path, name, miss.value));
    for (const [keyword, broken] of outOfRange(prop, value[name]))
      push("out_of_range", at(name), setAt(top, path, name, broken), keyword);
    const nested = value[name];
    if (depth < 3 && isRecord(nested) && isRecord(prop))
      walk(root, prop, nested, [...path, name], top, out, depth + 1);
  }
  if (schema.additionalProperties === false || schema.unevaluatedProperties === false)
    push("extra_property", at(), setAt(top, path, EXTRA, "assay"));
}

/** A copy of the whole arguments with the property `name` of the object at `path` replaced (undefined removes it). */
function setAt(
  top: Record<string, unknown>,
  path: string[],
  name: string,
  replacement: unknown,
): Record<string, unknown> {
  const copy = structuredClone(top);
  const node = path.reduce<Record<string, unknown>>((n, p) => n[p] as Record<string, unknown>, copy);
  if (replacement === undefined) delete node[name];
  else node[name] = replacement;
  return copy;
}

function deref(root: Schema, schema: unknown): Schema {
  let current = schema;
  for (let hops = 0; hops < 8 && isRecord(current) && typeof current.$ref === "string"; hops++) {
    const ref = current.$ref as string;
    if (!ref.startsWith("#/")) return {};
    current = ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((node, part) => (isRecord(node) ? node[part] : undefined), root);
  }
  return isRecord(current) ? current : {};
}

function allowedTypes(schema: Schema): Set<string> | null {
  const types = new Set<string>();
  const add = (s: Schema): boolean => {
    if (typeof s.type === "string") types.add(s.type);
    else if (Array.isArray(s.type)) for (const t of s.type) types.add(String(t));
    else if (Array.isArray(s.enum) || "const" in s)
      for (const v of Array.isArray(s.enum) ? s.enum : [s.const]) types.add(jsonType(v));
    else return false;
    return true;
  };
  const branches = [schema.anyOf, schema.oneOf].find(Array.isArray) as unknown[] | undefined;
  if (!add(schema) && !branches?.every((b) => isRecord(b) && add(b))) return null;
  if (types.has("number")) types.add("integer");
  return types;
}

const CANDIDATES: Array<{ value: unknown; type: string }> = [
  { value: "assay-wrong-type", type: "string" },
  { value: 7, type: "integer" },
  { value: true, type: "boolean" },
  { value: { assay: "wrong-type" }, type: "object" },
  { value: ["assay-wrong-type"], type: "array" },
  { value: null, type: "null" },
];

function wrongTypeValue(schema: Schema): { value: unknown } | undefined {
  const allowed = allowedTypes(schema);
  if (allowed === null) return undefined;
  const pick = CANDIDATES.find((c) => !allowed.has(c.type));
  return pick && { value: pick.value };
}

function enumMiss(schema: Schema): { value: unknown } | undefined {
  const values = Array.isArray(schema.enum) ? schema.enum : "const" in schema ? [schema.const] : null;
  if (values === null) return undefined;
  if (values.length > 0 && values.every((v) => typeof v === "number"))
    return { value: Math.max(...(values as number[])) + 1 };
  if (values.every((v) => typeof v === "string")) return { value: "assay-not-in-enum" };
  return undefined;
}

function outOfRange(schema: Schema, current: unknown): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const num = (k: string): number | undefined =>
    typeof schema[k] === "number" && Number.isFinite(schema[k]) ? (schema[k] as number) : undefined;
  const min = num("minimum");
  const max = num("maximum");
  const xmin = num("exclusiveMinimum");
  const xmax = num("exclusiveMaximum");
  if (min !== undefined) out.push(["minimum", min - 1]);
  if (xmin !== undefined) out.push(["exclusiveMinimum", xmin]);
  if (max !== undefined) out.push(["maximum", max + 1]);
  if (xmax !== undefined) out.push(["exclusiveMaximum", xmax]);
  const minLength = num("minLength");
  const maxLength = num("maxLength");
  if (minLength !== undefined && minLength > 0) out.push(["minLength", "a".repeat(minLength - 1)]);
  if (maxLength !== undefined && maxLength < MAX_LENGTH) out.push(["maxLength", "a".repeat(maxLength + 1)]);
  const items = Array.isArray(current) ? current : [];
  const minItems = num("minItems");
  const maxItems = num("maxItems");
  if (minItems !== undefined && minItems > 0) out.push(["minItems", items.slice(0, minItems - 1)]);
  if (maxItems !== undefined && maxItems < 1000 && items.length > 0)
    out.push(["maxItems", Array.from({ length: maxItems + 1 }, (_, i) => items[i % items.length])]);
  return out;
}

function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}
