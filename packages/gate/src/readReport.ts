import { globSync, statSync } from "node:fs";
import { join } from "node:path";
import { type Shard, shardFromFileName } from "./checkShards.ts";
import { collectTests, type TestRecord } from "./collectTests.ts";
import { GateInputError } from "./GateInputError.ts";
import { readJsonFile } from "./readJsonFile.ts";

/** When a run ran: Playwright's `stats.startTime` and `stats.duration` (ms since epoch). */
export type RunWindow = { start: number; end: number };
/** One Playwright JSON report file. */
export type LoadedReport = { path: string; shard: Shard | null; tests: TestRecord[]; window: RunWindow };

const FIX = "pass the output of --reporter=json or playwright merge-reports --reporter=json";
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const looksLikeReport = (v: unknown): v is Record<string, unknown> =>
  isRecord(v) && Array.isArray(v.suites) && isRecord(v.config) && isRecord(v.stats);

/**
 * Loads Playwright JSON reports: each path is a report file or a folder of them (its `*.json`
 * files that look like reports; other JSON such as coverage files is skipped). Give either one
 * merged report or one report per shard; several reports must each carry `config.shard` or a
 * name `*.shard-<i>-of-<n>.json`, otherwise tests would be counted twice. A report (or shard)
 * with 0 tests is bad input. Each report keeps its run window (`stats.startTime` + `duration`,
 * a merged report's spanning every shard), which decides which coverage files belong to it.
 *
 * @example
 * const reports = readReport(["reports/results.json"]);
 * reports[0]?.tests.length; // 42
 */
export function readReport(paths: readonly string[]): LoadedReport[] {
  const files = paths.flatMap(listReportFiles);
  const reports = files.map(({ path, json }) => {
    // A --test-list shard (assay-e2e) has no config.shard; its file name says which it is.
    const shard = shardOf(json.config) ?? shardFromFileName(path);
    const tests = collectTests(json, path);
    if (tests.length === 0) {
      const which = shard ? `shard ${shard.current}/${shard.total} (${path})` : `report ${path}`;
      throw new GateInputError(
        `${which} ran 0 tests; check that job's --shard/--grep/--project options and rerun it`,
      );
    }
    return { path, shard, tests, window: windowOf(json.stats as Record<string, unknown>, path) };
  });
  const unsharded = reports.find((r) => r.shard === null);
  if (reports.length > 1 && unsharded)
    throw new GateInputError(
      `${unsharded.path} has no config.shard (nor a name *.shard-<i>-of-<n>.json) but ${reports.length} reports were given; pass either one merged report or one JSON report per shard`,
    );
  return reports;
}

function listReportFiles(path: string): { path: string; json: Record<string, unknown> }[] {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat)
    throw new GateInputError(
      `report ${path} not found; run playwright with --reporter=json (or merge-reports) first, or pass --report <file|folder>`,
    );
  if (!stat.isDirectory()) {
    const json = readJsonFile(path, { role: "report", fix: FIX });
    if (!looksLikeReport(json))
      throw new GateInputError(`${path} is not a Playwright JSON report (no suites/config/stats); ${FIX}`);
    return [{ path, json }];
  }
  const found = globSync("*.json", { cwd: path })
    .sort()
    .map((name) => ({
      path: join(path, name),
      json: readJsonFile(join(path, name), { role: "report", fix: FIX }),
    }))
    .filter((f): f is { path: string; json: Record<string, unknown> } => looksLikeReport(f.json));
  if (found.length === 0)
    throw new GateInputError(`report folder ${path} holds no Playwright JSON report; ${FIX}`);
  return found;
}

function windowOf(stats: Record<string, unknown>, path: string): RunWindow {
  const start = typeof stats.startTime === "string" ? Date.parse(stats.startTime) : Number.NaN;
  const duration = stats.duration;
  if (Number.isNaN(start) || typeof duration !== "number" || !(duration >= 0))
    throw new GateInputError(
      `${path} is not a Playwright JSON report: stats.startTime must be an ISO date and stats.duration a number of ms; ${FIX}`,
    );
  return { start, end: start + duration };
}

function shardOf(config: unknown): Shard | null {
  if (!isRecord(config) || !isRecord(config.shard)) return null;
  const { current, total } = config.shard;
  return typeof current === "number" && typeof total === "number" ? { current, total } : null;
}
