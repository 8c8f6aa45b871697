import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { buildCoverage } from "./buildReport.ts";
import { readCoverage } from "./readCoverage.ts";

const dir = mkdtempSync(join(tmpdir(), "assay-gate-cov-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, value: unknown) => writeFileSync(join(dir, name), JSON.stringify(value));
const THIS_RUN = "2026-03-01T10:00:00.000Z";
const window = { start: Date.parse(THIS_RUN), end: Date.parse(THIS_RUN) + 60_000 };
// This run's two shards (the second started 20 s after the first), and what an earlier run left.
write(
  "contract-coverage.shard-1-of-2.json",
  buildCoverage(["a", "b"], { exercised: ["a"], startTime: THIS_RUN, shard: "1/2" }),
);
write(
  "contract-coverage.shard-2-of-2.json",
  buildCoverage(["a", "b"], { exercised: ["b"], startTime: "2026-03-01T10:00:20.000Z", shard: "2/2" }),
);
write(
  "contract-coverage.shard-1-of-3.json",
  buildCoverage(["a", "b"], { startTime: "2026-03-01T09:00:00.000Z", shard: "1/3" }),
);
write("contract-coverage.json", { schemas: ["a", "b"], exercised: ["a", "b"], missing: [], percent: 100 });
write("other.json", { schemas: 1, exercised: [] });

test("only the judged run's files count: an earlier run's and one without run info are ignored, not merged", () => {
  const { files, ignored } = readCoverage(dir, true, [window]);
  assert.deepEqual(
    files.map((f) => [f.shard, f.exercised]),
    [
      [{ current: 1, total: 2 }, ["a"]],
      [{ current: 2, total: 2 }, ["b"]],
    ],
  );
  assert.deepEqual(ignored, [
    {
      path: join(dir, "contract-coverage.json"),
      why: "no run.started_at (written by an older reporter), so its run is unknown",
    },
    {
      path: join(dir, "contract-coverage.shard-1-of-3.json"),
      why: "written by another run (started 2026-03-01T09:00:00.000Z)",
    },
  ]);
});

test("a glob selects files; nothing found is bad input only when named; a malformed file names its path and rule", () => {
  assert.equal(readCoverage(join(dir, "contract-coverage.shard-2-*.json"), true, [window]).files.length, 1);
  assert.deepEqual(readCoverage(join(dir, "nothing"), false, [window]), { files: [], ignored: [] });
  assert.throws(
    () => readCoverage(join(dir, "nothing"), true, [window]),
    /no contract coverage file matches --coverage/,
  );
  assert.throws(
    () => readCoverage(join(dir, "other.json"), true, [window]),
    /^GateInputError: \[assay\/gate\] coverage file .*other\.json: schemas must be array \(type\), got 1; each coverage file must be/,
  );
});
