import { globSync, statSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import yauzl from "yauzl";
import { type Shard, shardFromFileName } from "./checkShards.ts";
import { GateInputError } from "./GateInputError.ts";

/** What one blob report (`report-<i>.zip`, `report-<i>-of-<n>.zip`) says about its shard. */
export type BlobShard = { path: string; shard: Shard | null; tests: number };

/** A blob's `report.jsonl` larger than this is refused rather than read (it is streamed, never held whole). */
export const MAX_BLOB_EVENTS_BYTES = 1024 ** 3;

/**
 * Reads the shard and the number of tests run from each Playwright blob report in a folder (or
 * one `.zip`): the merged JSON report drops per-shard info, the blobs keep it. The shard is the
 * blob's metadata (`--shard`), else its file name `report-<i>-of-<n>.zip` (a `--test-list` shard
 * run by `assay-e2e`, whose metadata shard is null). A shard whose blob has no finished test is
 * bad input.
 *
 * @example
 * await readBlobShards("all-blobs"); // [{ path: "all-blobs/report-1.zip", shard: { current: 1, total: 2 }, tests: 40 }, …]
 */
export async function readBlobShards(path: string, maxBytes = MAX_BLOB_EVENTS_BYTES): Promise<BlobShard[]> {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat)
    throw new GateInputError(
      `blob report folder ${path} not found; pass --blobs <the folder merge-reports read>`,
    );
  const zips = stat.isDirectory()
    ? globSync("*.zip", { cwd: path })
        .sort()
        .map((n) => join(path, n))
    : [path];
  if (zips.length === 0)
    throw new GateInputError(
      `no blob report (*.zip) in ${path}; pass --blobs <the folder merge-reports read>`,
    );
  const shards: BlobShard[] = [];
  for (const zip of zips) {
    let shard: Shard | null = shardFromFileName(zip);
    const ids = new Set<string>();
    for await (const line of readEvents(zip, maxBytes)) {
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
    shards.push({ path: zip, shard, tests: ids.size });
  }
  return shards;
}

// yauzl, the maintained unzip library Playwright itself uses: it checks every entry's real size
// against the size its header declares, so with the cap below no inflate is unbounded.
async function* readEvents(zip: string, maxBytes: number): AsyncGenerator<string> {
  const fail = (why: string): never => {
    throw new GateInputError(`${zip} ${why}; pass the zips written by --reporter=blob`);
  };
  let archive: yauzl.ZipFile;
  try {
    archive = await yauzl.openPromise(zip, { lazyEntries: true, validateEntrySizes: true });
  } catch (error) {
    return fail(`is not a readable zip (${(error as Error).message})`);
  }
  try {
    for await (const entry of archive.eachEntry()) {
      if (entry.fileName !== "report.jsonl") continue;
      if (entry.uncompressedSize > maxBytes)
        fail(`holds a report.jsonl of ${entry.uncompressedSize} bytes, over the ${maxBytes}-byte limit`);
      const stream = await archive.openReadStreamPromise(entry);
      try {
        yield* createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
      } catch (error) {
        fail(`has a damaged report.jsonl (${(error as Error).message})`);
      }
      return;
    }
  } catch (error) {
    if (error instanceof GateInputError) throw error;
    fail(`is not a readable zip (${(error as Error).message})`);
  } finally {
    archive.close();
  }
  fail("is not a Playwright blob report (no report.jsonl)");
}
