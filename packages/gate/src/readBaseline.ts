import { existsSync } from "node:fs";
import { GateInputError } from "./GateInputError.ts";
import { readJsonFile } from "./readJsonFile.ts";

/** One known failure that may keep failing until `expires` (inclusive). */
export type BaselineEntry = { test: string; owner: string; reason: string; expires: string };

const KEYS = ["test", "owner", "reason", "expires"];
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * True for a real calendar date written `YYYY-MM-DD`.
 *
 * @example
 * isIsoDate("2028-02-29"); // true
 * isIsoDate("2026-02-29"); // false
 */
export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}

/**
 * Validates a parsed baseline `{ "entries": [{ test, owner, reason, expires }] }` strictly,
 * naming the entry and field that is wrong. A test may be listed once.
 *
 * @example
 * parseBaseline({ entries: [{ test: "api › a.spec.ts › x", owner: "core", reason: "#12", expires: "2026-12-31" }] }, "gate.baseline.json");
 */
export function parseBaseline(value: unknown, source: string): BaselineEntry[] {
  const bad = (where: string, what: string): never => {
    throw new GateInputError(
      `baseline ${source}: ${where} ${what}; fix the entry (see packages/gate/README.md)`,
    );
  };
  if (!isRecord(value)) return bad("(root)", 'must be an object {"entries": [...]}');
  for (const key of Object.keys(value))
    if (key !== "entries") bad(`"${key}"`, "is not a known key (allowed: entries)");
  if (!Array.isArray(value.entries)) return bad('"entries"', "must be an array");
  const seen = new Set<string>();
  return value.entries.map((entry: unknown, i): BaselineEntry => {
    const where = `entries[${i}]`;
    if (!isRecord(entry)) return bad(where, "must be an object {test, owner, reason, expires}");
    const name = typeof entry.test === "string" ? `${where} ("${entry.test}")` : where;
    for (const key of Object.keys(entry))
      if (!KEYS.includes(key))
        bad(`${name}.${key}`, "is not a known field (allowed: test, owner, reason, expires)");
    for (const key of KEYS)
      if (typeof entry[key] !== "string" || (entry[key] as string).trim() === "")
        bad(`${name}.${key}`, "must be a non-empty string");
    const { test, owner, reason, expires } = entry as BaselineEntry;
    if (!isIsoDate(expires)) bad(`${name}.expires`, `must be a date YYYY-MM-DD, got "${expires}"`);
    if (seen.has(test)) bad(`${name}.test`, "is listed twice");
    seen.add(test);
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
  return parseBaseline(readJsonFile(path, "baseline", "fix it or pass --baseline <path>"), path);
}
