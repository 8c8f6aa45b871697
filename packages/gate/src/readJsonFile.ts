import { readFileSync } from "node:fs";
import { GateInputError } from "./GateInputError.ts";

/**
 * Reads and parses a JSON file, turning every failure into a one-line `GateInputError`
 * that names the file, its role and the fix.
 *
 * @example
 * const raw = readJsonFile("gate.config.json", "budgets file", "fix the JSON or pass --config <path>");
 */
export function readJsonFile(path: string, role: string, fix: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "not found" : code === "EISDIR" ? "is a directory" : `unreadable (${code})`;
    throw new GateInputError(`${role} ${path} ${why}; ${fix}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new GateInputError(`${role} ${path} is not valid JSON (${(error as Error).message}); ${fix}`);
  }
}
