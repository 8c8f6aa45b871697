import { basename } from "node:path";
import type { Shard } from "./readReport.ts";

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
