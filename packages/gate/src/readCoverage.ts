import { readdirSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { GateInputError } from "./GateInputError.ts";
import { readJsonFile } from "./readJsonFile.ts";
import type { Shard } from "./readReport.ts";
import { shardFromFileName } from "./shardFromFileName.ts";

/** One `contract-coverage*.json` file written by a shard's coverage reporter. */
export type CoverageFile = { path: string; shard: Shard | null; schemas: string[]; exercised: string[] };

const FIX = 'each coverage file must be {"schemas": [ids], "exercised": [ids], …}';

/**
 * Finds and reads contract coverage files. `spec` is a folder (its `contract-coverage*.json`),
 * a file, or a glob whose `*`/`?` sit in the file name (`reports/contract-coverage.shard-*.json`).
 * Nothing found is fine for the default location and bad input when the user named it.
 * A name `contract-coverage.shard-<i>-of-<n>.json` tells which shard wrote it.
 *
 * @example
 * const files = readCoverage("reports/", false);
 * files.map((f) => f.shard); // [{ current: 1, total: 2 }, { current: 2, total: 2 }]
 */
export function readCoverage(spec: string, explicit: boolean): CoverageFile[] {
  const paths = findCoverageFiles(spec);
  if (paths.length === 0 && explicit)
    throw new GateInputError(
      `no contract coverage file matches --coverage ${spec}; point it at the folder holding contract-coverage*.json`,
    );
  return paths.map((path) => {
    const json = readJsonFile(path, "coverage file", FIX);
    const ids = (key: string): string[] => {
      const list = (json as Record<string, unknown> | null)?.[key];
      if (Array.isArray(list) && list.every((id) => typeof id === "string")) return list;
      throw new GateInputError(`coverage file ${path}: "${key}" must be an array of schema ids; ${FIX}`);
    };
    return { path, shard: shardFromFileName(path), schemas: ids("schemas"), exercised: ids("exercised") };
  });
}

function findCoverageFiles(spec: string): string[] {
  if (/[*?]/.test(basename(spec))) {
    const dir = dirname(spec);
    const escaped = basename(spec).replace(/[.+^${}()|[\]\\]/g, "\\$&");
    const pattern = new RegExp(`^${escaped.replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
    return listDir(dir)
      .filter((name) => pattern.test(name))
      .map((name) => join(dir, name));
  }
  const stat = statSync(spec, { throwIfNoEntry: false });
  if (!stat) return [];
  if (!stat.isDirectory()) return [spec];
  return listDir(spec)
    .filter((name) => name.startsWith("contract-coverage") && name.endsWith(".json"))
    .map((name) => join(spec, name));
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}
