import { basename } from "node:path";
import { GateInputError } from "./GateInputError.ts";

/** Which shard of how many wrote a file (`--shard=current/total`). */
export type Shard = { current: number; total: number };

/** What the gate learned about the shards of the run. */
export type ShardCheck = {
  expected: number | null;
  found: number[];
  source: "reports" | "blobs" | "coverage" | "none";
};
type Sourced = { path: string; shard: Shard | null };
/** Files that may tell which shard wrote them, by kind. */
export type ShardSources = { reports?: Sourced[]; blobs?: Sourced[]; coverage?: Sourced[] };
const LABELS = { reports: "reports", blobs: "blob reports", coverage: "coverage files" } as const;

/**
 * Checks that the shards present are exactly 1..N. Shard info comes from each per-shard
 * report's `config.shard`, from blob reports, and from coverage files named
 * `contract-coverage.shard-<i>-of-<n>.json` (a merged report drops it).
 * Every source that has shard info must be complete even without an expected count; with one
 * (`--shards` or `expected_shards`) its totals must match it.
 *
 * @example
 * checkShards(2, { reports: [{ path: "a.json", shard: { current: 1, total: 2 } }, { path: "b.json", shard: { current: 2, total: 2 } }] });
 * // { expected: 2, found: [1, 2], source: "reports" }
 */
export function checkShards(expected: number | undefined, given: ShardSources): ShardCheck {
  const sources = (["reports", "blobs", "coverage"] as const)
    .map((name) => ({ name, items: (given[name] ?? []).filter((r) => r.shard) }))
    .filter((s) => s.items.length > 0);
  for (const { name, items } of sources) checkSource(expected, LABELS[name], items);
  const first = sources[0];
  if (first)
    return {
      expected: expected ?? null,
      found: first.items.map((i) => i.shard?.current ?? 0).sort((a, b) => a - b),
      source: first.name,
    };
  if (expected !== undefined && expected !== 1)
    throw new GateInputError(
      `cannot check ${expected} shards: the report carries no shard info (merge-reports drops it); pass --blobs <blob report folder>, each shard's JSON report, or the contract-coverage.shard-<i>-of-<n>.json files; or drop --shards/expected_shards`,
    );
  return { expected: expected ?? null, found: expected === 1 ? [1] : [], source: "none" };
}

function checkSource(expected: number | undefined, label: string, items: Sourced[]): void {
  const seen = new Map<number, string>();
  const want = expected ?? items[0]?.shard?.total ?? 0;
  for (const { path, shard } of items) {
    if (!shard) continue;
    if (shard.total !== want)
      throw new GateInputError(
        `shard count mismatch: ${path} is shard ${shard.current} of ${shard.total} but ${want} shards were expected; pass the results of one ${want}-shard run (or fix --shards/expected_shards)`,
      );
    const twin = seen.get(shard.current);
    if (twin)
      throw new GateInputError(
        `shard ${shard.current}/${shard.total} appears twice (${twin}, ${path}); pass each shard's file once`,
      );
    seen.set(shard.current, path);
  }
  const missing = Array.from({ length: want }, (_, i) => i + 1).filter((i) => !seen.has(i));
  const extra = [...seen.keys()].filter((i) => i < 1 || i > want);
  if (missing.length > 0 || extra.length > 0)
    throw new GateInputError(
      `shard count mismatch: ${label} hold shards ${[...seen.keys()].sort((a, b) => a - b).join(", ")} of ${want}; missing ${missing.join(", ") || "none"}${extra.length ? `, unexpected ${extra.join(", ")}` : ""} — did a shard job fail to upload its results?`,
    );
}

// `report-2-of-3.zip` (blob), `results.shard-2-of-3.json`, `contract-coverage.shard-2-of-3.json`.
const SHARD_NAME = /(?:\.shard-|-)(\d+)-of-(\d+)\.(?:json|zip)$/;

/**
 * The shard a file's name says it came from, or null. A shard run from a `--test-list` file
 * (`assay-e2e --shard=i/n`) has no `config.shard`, so its blob and JSON report carry no shard
 * metadata; the names `report-<i>-of-<n>.zip`, `*.shard-<i>-of-<n>.json` do.
 *
 * @example
 * shardFromFileName("all-blobs/report-2-of-3.zip"); // { current: 2, total: 3 }
 * shardFromFileName("reports/results.json"); // null
 */
export function shardFromFileName(path: string): Shard | null {
  const match = SHARD_NAME.exec(basename(path));
  return match ? { current: Number(match[1]), total: Number(match[2]) } : null;
}
