import { readFileSync } from "node:fs";
import { ShardsError } from "./ShardsError.ts";

/** The committed durations file, `{ "<test id>": ms }`; see `recordDurations`. */
export const DURATIONS_FILE = "shard-durations.json";

/**
 * Reads a durations file. A missing file gives `null` (every test then weighs the same); a
 * malformed one is an error naming what to fix.
 *
 * @example
 * readDurations("shard-durations.json"); // { "[ws] › packages/ws/suites/session.spec.ts › ping gets pong": 212, … }
 */
export function readDurations(path: string): Record<string, number> | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new ShardsError(
      `cannot read ${path} (${(error as NodeJS.ErrnoException).code}); fix its permissions`,
    );
  }
  const fix = `rewrite it with "assay-e2e record-durations" after a full run`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ShardsError(`${path} is not JSON; ${fix}`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw new ShardsError(`${path} must be an object of test id → ms; ${fix}`);
  for (const [id, ms] of Object.entries(json)) {
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0)
      throw new ShardsError(`${path}: "${id}" must be a duration in ms ≥ 0; ${fix}`);
  }
  return json as Record<string, number>;
}
