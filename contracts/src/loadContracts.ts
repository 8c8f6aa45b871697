import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Folders a contracts dir may hold; `defs/` only feeds `$ref`s, so coverage does not count it. */
const KINDS = ["http", "ws", "mcp", "logs", "defs"] as const;

/** One schema file read from a contracts dir. */
export interface ContractFile {
  /** Path under the dir without `.json`, with `/` separators: `http/health.v1`. */
  id: string;
  /** Whether contract coverage counts it (everything but `defs/`). */
  counted: boolean;
  /** Absolute path of the file, for error messages. */
  file: string;
  schema: { $id: string; [keyword: string]: unknown };
}

/**
 * Reads every `*.json` under the `http/`, `ws/`, `mcp/`, `logs/` and `defs/` folders of `dir`
 * (missing folders are fine) without compiling anything, sorted by id.
 *
 * @example
 * const ids = loadContracts("contracts").filter((c) => c.counted).map((c) => c.id);
 */
export function loadContracts(dir: string): ContractFile[] {
  const found: ContractFile[] = [];
  for (const kind of KINDS) {
    let names: string[];
    try {
      names = readdirSync(join(dir, kind), { recursive: true, encoding: "utf8" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw error;
    }
    for (const name of names) {
      if (!name.endsWith(".json")) continue;
      const id = `${kind}/${name.slice(0, -".json".length).replaceAll("\\", "/")}`;
      const file = join(dir, kind, name);
      found.push({ id, counted: kind !== "defs", file, schema: readSchema(file, id) });
    }
  }
  return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function readSchema(file: string, id: string): ContractFile["schema"] {
  let schema: unknown;
  try {
    schema = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`[assay/contracts] ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const $id = (schema as { $id?: unknown } | null)?.$id;
  // Ids and relative $refs both derive from $id, so a copied file with a stale $id would
  // silently validate against the wrong schema.
  if (typeof $id !== "string" || !$id.endsWith(`/${id}.json`)) {
    throw new Error(
      `[assay/contracts] ${file} has $id ${JSON.stringify($id)}; set it to a URL ending in "/${id}.json" so ids and $refs agree.`,
    );
  }
  return schema as ContractFile["schema"];
}
