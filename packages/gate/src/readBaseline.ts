import { existsSync } from "node:fs";
import { GateInputError } from "./GateInputError.ts";
import { createJsonCheck, readJsonFile } from "./readJsonFile.ts";

/** One known failure that may keep failing until `expires` (inclusive). */
export type BaselineEntry = { test: string; owner: string; reason: string; expires: string };

const check = createJsonCheck(new URL("../schemas/gate.baseline.schema.json", import.meta.url));
const FIX = "fix the entry (see packages/gate/README.md) or pass --baseline <path>";

/**
 * Validates a parsed baseline `{ "entries": [{ test, owner, reason, expires }] }` against
 * `schemas/gate.baseline.schema.json` (the line names the JSON path and the rule); a test may be
 * listed once.
 *
 * @example
 * parseBaseline({ entries: [{ test: "api › a.spec.ts › x", owner: "core", reason: "#12", expires: "2026-12-31" }] }, "gate.baseline.json");
 */
export function parseBaseline(value: unknown, source: string): BaselineEntry[] {
  const problem = check(value);
  if (problem) throw new GateInputError(`baseline ${source}: ${problem}; ${FIX}`);
  const entries = (value as { entries: BaselineEntry[] }).entries;
  const first = new Map<string, number>();
  return entries.map(({ test, owner, reason, expires }, i) => {
    const twin = first.get(test);
    if (twin !== undefined)
      throw new GateInputError(
        `baseline ${source}: entries[${i}].test is listed twice (also entries[${twin}]: ${JSON.stringify(test)}) (unique); ${FIX}`,
      );
    first.set(test, i);
    return { test, owner, reason, expires };
  });
}

/**
 * Reads a baseline file. A missing file is an empty baseline unless it was named
 * (`explicit`: by --baseline or the budgets file's "baseline" key).
 *
 * @example
 * const entries = readBaseline("gate.baseline.json", false);
 */
export function readBaseline(path: string, explicit: boolean): BaselineEntry[] {
  if (!explicit && !existsSync(path)) return [];
  return parseBaseline(readJsonFile(path, { role: "baseline", fix: FIX }), path);
}
