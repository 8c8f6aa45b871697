import type { ValidateFunction } from "ajv";
import { generateSync, type JsonSchema } from "json-schema-faker";

/** Arguments json-schema-faker made for a tool, or why it could not. */
export type GeneratedArgs =
  | { ok: true; args: Record<string, unknown>; seed: number }
  | { ok: false; reason: string; seed: number };

const TRIES = 5;

/**
 * The seed of one tool: the run's seed mixed with the tool's name (FNV-1a), so adding a tool does
 * not change the arguments of the others and one failure reproduces from the run's seed alone.
 *
 * @example
 * toolSeed(42, "create_project"); // the same number on every run with seed 42
 */
export function toolSeed(seed: number, tool: string): number {
  let hash = 0x811c9dc5;
  for (const char of tool) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193);
  return (hash ^ seed) >>> 0;
}

/**
 * Generates arguments from a tool's `inputSchema` with json-schema-faker, seeded, and keeps the
 * first that `validate` (the compiled schema) accepts; json-schema-faker does not honour every
 * keyword, so each try is checked rather than trusted. `fixed` values (from the target's config)
 * are laid over the generated ones before the check.
 *
 * @example
 * const made = generateValidArgs(schema, validate, toolSeed(42, "rename_project"), { project_id: id });
 * if (made.ok) await client.callTool("rename_project", made.args);
 */
export function generateValidArgs(
  schema: unknown,
  validate: ValidateFunction,
  seed: number,
  fixed: Record<string, unknown> = {},
): GeneratedArgs {
  let last = "";
  for (let i = 0; i < TRIES; i++) {
    let generated: unknown;
    try {
      generated = generateSync(schema as JsonSchema, { seed: seed + i, maxDefaultItems: 2, maxDepth: 4 });
    } catch (error) {
      last = `json-schema-faker could not generate from the schema: ${(error as Error).message}`;
      continue;
    }
    const base = isRecord(generated) ? generated : {};
    const args = { ...base, ...fixed };
    if (validate(args)) return { ok: true, args, seed: seed + i };
    last = `generated arguments do not match the inputSchema: ${(validate.errors ?? [])
      .map((e) => `${e.instancePath || "/"} ${e.message}`)
      .join("; ")}`;
  }
  return { ok: false, reason: `${last} (after ${TRIES} seeds from ${seed})`, seed };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
