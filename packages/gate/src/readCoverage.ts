import { globSync, statSync } from "node:fs";
import { join } from "node:path";
import { type Shard, shardFromFileName } from "./checkShards.ts";
import { GateInputError } from "./GateInputError.ts";
import { createJsonCheck, readJsonFile } from "./readJsonFile.ts";
import type { RunWindow } from "./readReport.ts";

/** One `contract-coverage*.json` file of the judged run, written by a run's (or shard's) coverage reporter. */
export type CoverageFile = {
  path: string;
  shard: Shard | null;
  schemas: string[];
  exercised: string[];
  /** When the run that wrote it started (ms since epoch): the key that ties it to the report. */
  startedAt: number;
};
/** A coverage file that was found but left out, and why. */
export type IgnoredFile = { path: string; why: string };

type RawCoverage = {
  run?: { id?: string; shard?: string; started_at: string };
  schemas: string[];
  exercised: string[];
};
const check = createJsonCheck(new URL("../schemas/contract-coverage.schema.json", import.meta.url));
const FIX =
  'each coverage file must be {"run": {"started_at": …}, "schemas": [ids], "exercised": [ids], …} as @assay/contracts/reporter writes it';

/**
 * Finds contract coverage files and keeps those of the judged run only. `spec` is a folder (its
 * `contract-coverage*.json`), a file, or a glob (`reports/contract-coverage.shard-*.json`).
 * Nothing found is fine for the default location and bad input when the user named it.
 *
 * A file belongs to the run when its `run.started_at` (Playwright's run start, handed to every
 * reporter) falls inside a report's window: equal to a single run's `stats.startTime`, or between
 * a merged report's first shard start and last shard end. Files another run left in the folder,
 * or written without `run.started_at`, are returned as ignored, never counted.
 *
 * @example
 * const { files, ignored } = readCoverage("reports/", false, reports.map((r) => r.window));
 */
export function readCoverage(
  spec: string,
  explicit: boolean,
  windows: readonly RunWindow[],
): { files: CoverageFile[]; ignored: IgnoredFile[] } {
  const paths = findCoverageFiles(spec);
  if (paths.length === 0 && explicit)
    throw new GateInputError(
      `no contract coverage file matches --coverage ${spec}; point it at the folder holding contract-coverage*.json`,
    );
  const files: CoverageFile[] = [];
  const ignored: IgnoredFile[] = [];
  for (const path of paths) {
    const json = readJsonFile(path, { role: "coverage file", fix: FIX, check }) as RawCoverage;
    if (!json.run) {
      ignored.push({ path, why: "no run.started_at (written by an older reporter), so its run is unknown" });
      continue;
    }
    const startedAt = Date.parse(json.run.started_at);
    // 1 ms of slack: durations are fractional, start times whole milliseconds.
    if (!windows.some((w) => startedAt >= w.start - 1 && startedAt <= w.end + 1)) {
      ignored.push({ path, why: `written by another run (started ${json.run.started_at})` });
      continue;
    }
    files.push({
      path,
      shard: shardOf(json.run.shard) ?? shardFromFileName(path),
      schemas: json.schemas,
      exercised: json.exercised,
      startedAt,
    });
  }
  return { files, ignored };
}

function shardOf(text: string | undefined): Shard | null {
  const match = /^(\d+)\/(\d+)$/.exec(text ?? "");
  if (!match || match[2] === "1") return null;
  return { current: Number(match[1]), total: Number(match[2]) };
}

function findCoverageFiles(spec: string): string[] {
  if (/[*?[{]/.test(spec)) return globSync(spec).sort();
  const stat = statSync(spec, { throwIfNoEntry: false });
  if (!stat) return [];
  if (!stat.isDirectory()) return [spec];
  return globSync("contract-coverage*.json", { cwd: spec })
    .sort()
    .map((name) => join(spec, name));
}
