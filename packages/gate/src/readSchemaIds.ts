import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { GateInputError } from "./GateInputError.ts";

const KINDS = ["http", "ws", "mcp"];
// The official MCP schema of a revision only feeds `$ref`s; its messages are the counted files beside it.
const OFFICIAL_MCP_SCHEMA = /^mcp\/[^/]+\/schema$/;

/**
 * Lists the contract ids under a schemas folder: every `*.json` below its `http/`, `ws/` and
 * `mcp/` subfolders but the official MCP schemas (`mcp/<revision>/schema.json`), id = path
 * relative to the folder without `.json`. The gate uses it only when no coverage file was
 * found (budgets key `contracts.schemas_dir`).
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
      else if (entry.name.endsWith(".json")) {
        const id = relative(dir, path).split(sep).join("/").slice(0, -".json".length);
        if (!OFFICIAL_MCP_SCHEMA.test(id)) ids.push(id);
      }
    }
  };
  for (const kind of KINDS)
    if (statSync(join(dir, kind), { throwIfNoEntry: false })?.isDirectory()) walk(join(dir, kind));
  return ids.sort();
}
