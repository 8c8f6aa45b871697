import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { GateInputError } from "./GateInputError.ts";

const KINDS = ["http", "ws", "mcp"];

/**
 * Lists the contract ids under a schemas folder: every `*.json` below its `http/`, `ws/` and
 * `mcp/` subfolders, id = path relative to the folder without `.json`. The gate uses it only
 * when no coverage file was found (budgets key `contracts.schemas_dir`).
 *
 * @example
 * readSchemaIds("contracts"); // ["http/health.v1", "ws/agent_started.v1"]
 */
export function readSchemaIds(dir: string): string[] {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    throw new GateInputError(
      `contracts.schemas_dir ${dir} is not a folder; fix the path in the budgets file`,
    );
  const ids: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".json"))
        ids.push(relative(dir, path).split(sep).join("/").slice(0, -".json".length));
    }
  };
  for (const kind of KINDS)
    if (statSync(join(dir, kind), { throwIfNoEntry: false })?.isDirectory()) walk(join(dir, kind));
  return ids.sort();
}
