import { HttpError } from "./HttpError.ts";

/** A string: length in characters (code points), or in UTF-8 bytes when `bytes` is set. */
export type TextRule = { required: boolean; min: number; max: number; pattern?: RegExp; bytes?: boolean };
/** An array of strings, each following `list`. */
export type ListRule = { required: boolean; list: TextRule; maxItems: number };
/** An integer from `min` to `max`. */
export type IntegerRule = { required: boolean; integer: { min: number; max: number } };
/** `true` or `false`. */
export type FlagRule = { required: boolean; flag: true };
/** Any JSON object (its own depth is already capped by the body reader). */
export type ObjectRule = { required: boolean; object: true };
/** A rule for one field of a JSON body. */
export type FieldRule = TextRule | ListRule | IntegerRule | FlagRule | ObjectRule;

type ValueOf<R> = R extends ListRule
  ? string[]
  : R extends IntegerRule
    ? number
    : R extends FlagRule
      ? boolean
      : R extends ObjectRule
        ? Record<string, unknown>
        : string;

function invalid(message: string): HttpError {
  return new HttpError(400, "validation_failed", message);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Checks one string from a client (body field, query parameter, frame field): its length, its
 * format, and that PostgreSQL can store it — no NUL character, no lone surrogate.
 * @example readText(url.searchParams.get("topic"), 'Query parameter "topic"', { required: true, min: 1, max: 200 })
 */
export function readText(value: unknown, label: string, rule: TextRule): string {
  if (value === undefined || value === null) throw invalid(`${label} is required.`);
  if (typeof value !== "string") throw invalid(`${label} must be a string.`);
  // text and jsonb refuse U+0000, and a lone surrogate would be stored as U+FFFD: refuse both here.
  if (value.includes("\u0000")) throw invalid(`${label} must not contain NUL characters.`);
  if (!value.isWellFormed()) throw invalid(`${label} must be well-formed Unicode (no lone surrogates).`);
  const length = rule.bytes === true ? Buffer.byteLength(value) : [...value].length;
  if (length < rule.min || length > rule.max) {
    const unit = rule.bytes === true ? "bytes (UTF-8)" : "characters";
    throw invalid(`${label} must be ${rule.min} to ${rule.max} ${unit} long.`);
  }
  if (rule.pattern !== undefined && !rule.pattern.test(value))
    throw invalid(`${label} has the wrong format.`);
  return value;
}

function readValue(value: unknown, label: string, rule: FieldRule): unknown {
  if ("list" in rule) {
    if (!Array.isArray(value)) throw invalid(`${label} must be an array of strings.`);
    if (value.length > rule.maxItems) throw invalid(`${label} must have at most ${rule.maxItems} items.`);
    return value.map((item, index) => readText(item, `${label}[${index}]`, rule.list));
  }
  if ("integer" in rule) {
    const { min, max } = rule.integer;
    if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
      throw invalid(`${label} must be an integer from ${min} to ${max}.`);
    }
    return value;
  }
  if ("flag" in rule) {
    if (typeof value !== "boolean") throw invalid(`${label} must be true or false.`);
    return value;
  }
  if ("object" in rule) {
    if (!isObject(value)) throw invalid(`${label} must be a JSON object.`);
    return value;
  }
  return readText(value, label, rule);
}

/**
 * Checks a JSON body is an object whose fields follow `rules` (unknown keys are refused) and
 * returns those fields; the error message names the field.
 * @example readFields(body, { title: { required: true, min: 1, max: 200 } }).title
 */
export function readFields<R extends Record<string, FieldRule>>(
  body: unknown,
  rules: R,
): { [K in keyof R]?: ValueOf<R[K]> } {
  const input = body === undefined ? {} : body;
  if (!isObject(input)) throw invalid("The body must be a JSON object.");
  const known = Object.keys(rules);
  const unknown = Object.keys(input).find((key) => !known.includes(key));
  if (unknown !== undefined) throw invalid(`Unknown field "${unknown.slice(0, 40)}".`);
  const values: Record<string, unknown> = {};
  for (const key of known) {
    const rule = rules[key] as FieldRule;
    const value = input[key];
    if (value === undefined) {
      if (rule.required) throw invalid(`Field "${key}" is required.`);
      continue;
    }
    values[key] = readValue(value, `Field "${key}"`, rule);
  }
  return values as { [K in keyof R]?: ValueOf<R[K]> };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a string is a UUID; malformed ids answer 404 like unknown ones.
 * @example isUuid("not-a-uuid") // false
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
