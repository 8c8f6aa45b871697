import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Folders a contracts dir may hold; `defs/` only feeds `$ref`s, so coverage does not count it. */
const KINDS = ["http", "ws", "mcp", "logs", "defs"] as const;

/** Every contract's `$id` is this base plus its id plus `.json`. */
export const CONTRACT_ID_BASE = "https://assay.dev/contracts/";

/**
 * `mcp/<revision>/schema.json` is the official MCP schema of that revision, copied verbatim (it
 * has no `$id` of its own). Like `defs/`, it only feeds `$ref`s: the counted MCP contracts are
 * the one-message files beside it (`mcp/2025-11-25/InitializeResult.json`).
 */
const OFFICIAL_BUNDLE = /^mcp\/[^/]+\/schema$/;

/** One schema file read from a contracts dir. */
export interface ContractFile {
  /** Path under the dir without `.json`, with `/` separators: `http/health.v1`. */
  id: string;
  /** Whether contract coverage counts it (everything but `defs/` and the official MCP schemas). */
  counted: boolean;
  /** Absolute path of the file, for error messages. */
  file: string;
  schema: { $id: string; [keyword: string]: unknown };
}

/**
 * Reads every `*.json` under the `http/`, `ws/`, `mcp/`, `logs/` and `defs/` folders of `dir`
 * (missing folders are fine) without compiling anything, sorted by id. The official MCP
 * schemas (`mcp/<revision>/schema.json`) get the `$id` their path implies.
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
      const bundle = OFFICIAL_BUNDLE.test(id);
      found.push({ id, counted: kind !== "defs" && !bundle, file, schema: readSchema(file, id, bundle) });
    }
  }
  return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function readSchema(file: string, id: string, bundle: boolean): ContractFile["schema"] {
  let schema: unknown;
  try {
    schema = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`[assay/contracts] ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const $id = (schema as { $id?: unknown } | null)?.$id;
  // The official MCP schemas stay byte-for-byte as published, so their $id is given here.
  if (bundle && $id === undefined) return { ...(schema as object), $id: `${CONTRACT_ID_BASE}${id}.json` };
  // Ids and relative $refs both derive from $id, so a copied file with a stale $id would
  // silently validate against the wrong schema.
  if (typeof $id !== "string" || !$id.endsWith(`/${id}.json`)) {
    throw new Error(
      `[assay/contracts] ${file} has $id ${JSON.stringify($id)}; set it to a URL ending in "/${id}.json" so ids and $refs agree.`,
    );
  }
  return schema as ContractFile["schema"];
}
