import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { GateInputError } from "./GateInputError.ts";
import type { Shard } from "./readReport.ts";
import { shardFromFileName } from "./shardFromFileName.ts";

/** What one blob report (`report-<i>.zip`, `report-<i>-of-<n>.zip`) says about its shard. */
export type BlobShard = { path: string; shard: Shard | null; tests: number };

/**
 * Reads the shard and the number of tests run from each Playwright blob report in a folder (or
 * one `.zip`): the merged JSON report drops per-shard info, the blobs keep it. Reads the zip's
 * `report.jsonl` without a dependency (central directory + raw inflate). The shard is the blob's
 * metadata (`--shard`), else its file name `report-<i>-of-<n>.zip` (a `--test-list` shard run by
 * `assay-e2e`, whose metadata shard is null). A shard whose blob has no finished test is bad input.
 *
 * @example
 * readBlobShards("all-blobs"); // [{ path: "all-blobs/report-1.zip", shard: { current: 1, total: 2 }, tests: 40 }, …]
 */
export function readBlobShards(path: string): BlobShard[] {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat)
    throw new GateInputError(
      `blob report folder ${path} not found; pass --blobs <the folder merge-reports read>`,
    );
  const zips = stat.isDirectory()
    ? readdirSync(path)
        .filter((n) => n.endsWith(".zip"))
        .sort()
        .map((n) => join(path, n))
    : [path];
  if (zips.length === 0)
    throw new GateInputError(
      `no blob report (*.zip) in ${path}; pass --blobs <the folder merge-reports read>`,
    );
  return zips.map((zip) => {
    const jsonl = readZipEntry(readFileSync(zip), "report.jsonl");
    if (!jsonl)
      throw new GateInputError(
        `${zip} is not a Playwright blob report (no report.jsonl); pass the zips written by --reporter=blob`,
      );
    let shard: Shard | null = shardFromFileName(zip);
    const ids = new Set<string>();
    for (const line of jsonl.toString("utf8").split("\n")) {
      // Only two kinds of event matter; skip parsing the rest (steps, stdout, attachments).
      if (line.startsWith('{"method":"onTestEnd"')) {
        const id = (JSON.parse(line) as { params?: { test?: { testId?: string } } }).params?.test?.testId;
        if (id) ids.add(id);
      } else if (line.startsWith('{"method":"onBlobReportMetadata"')) {
        shard = (JSON.parse(line) as { params?: { shard?: Shard } }).params?.shard ?? shard;
      }
    }
    if (ids.size === 0) {
      const which = shard ? `shard ${shard.current}/${shard.total} (${zip})` : zip;
      throw new GateInputError(
        `${which} ran 0 tests; check that job's --shard/--grep/--project options and rerun it`,
      );
    }
    return { path: zip, shard, tests: ids.size };
  });
}

function readZipEntry(zip: Buffer, name: string): Buffer | null {
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  let at = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0 && zip.readUInt32LE(at) === 0x02014b50; n--) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString("utf8", at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? data : method === 8 ? inflateRawSync(data) : null;
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return null;
}
