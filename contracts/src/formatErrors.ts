import type { ErrorObject } from "ajv";

/**
 * Turns ajv errors into one line each: the instance path (`/` for the root), ajv's message,
 * then the allowed values or the offending property when ajv names them.
 *
 * @example
 * formatErrors(validate.errors ?? []);
 * // ['/status must be equal to one of the allowed values ("healthy", "degraded", "unhealthy")']
 */
export function formatErrors(errors: readonly ErrorObject[]): string[] {
  const lines: string[] = [];
  // ajv checks additionalProperties before properties; reporting the wrong values first and
  // the unexpected keys last reads better and keeps the order stable across ajv versions.
  const ordered = [...errors].sort((a, b) => rank(a) - rank(b));
  for (const error of ordered) {
    const line = `${error.instancePath || "/"} ${error.message ?? error.keyword}${detail(error.params)}`;
    // anyOf/oneOf branches can report the same failure twice.
    if (!lines.includes(line)) lines.push(line);
  }
  return lines;
}

function rank(error: ErrorObject): number {
  return error.keyword === "additionalProperties" || error.keyword === "unevaluatedProperties" ? 1 : 0;
}

function detail(params: Record<string, unknown>): string {
  if (Array.isArray(params.allowedValues)) {
    return ` (${params.allowedValues.map((value) => JSON.stringify(value)).join(", ")})`;
  }
  if ("allowedValue" in params) return ` (${JSON.stringify(params.allowedValue)})`;
  if (typeof params.additionalProperty === "string") return `: '${params.additionalProperty}'`;
  if (typeof params.unevaluatedProperty === "string") return `: '${params.unevaluatedProperty}'`;
  return "";
}
