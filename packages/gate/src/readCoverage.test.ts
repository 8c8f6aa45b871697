import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { readCoverage } from "./readCoverage.ts";
import { readSchemaIds } from "./readSchemaIds.ts";

const dir = mkdtempSync(join(tmpdir(), "assay-gate-cov-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, value: unknown) => writeFileSync(join(dir, name), JSON.stringify(value));
write("contract-coverage.shard-1-of-2.json", {
  schemas: ["a", "b"],
  exercised: ["a"],
  missing: ["b"],
  percent: 50,
});
write("contract-coverage.shard-2-of-2.json", {
  schemas: ["a", "b"],
  exercised: ["b"],
  missing: ["a"],
  percent: 50,
});
write("other.json", { schemas: 1 });

test("a folder yields its contract-coverage*.json with the shard from the name", () => {
  const files = readCoverage(dir, true);
  assert.deepEqual(
    files.map((f) => [f.shard, f.exercised]),
    [
      [{ current: 1, total: 2 }, ["a"]],
      [{ current: 2, total: 2 }, ["b"]],
    ],
  );
});

test("a glob in the file name selects files; nothing found is bad input only when named", () => {
  assert.equal(readCoverage(join(dir, "contract-coverage.shard-2-*.json"), true).length, 1);
  assert.deepEqual(readCoverage(join(dir, "nothing"), false), []);
  assert.throws(
    () => readCoverage(join(dir, "nothing"), true),
    /no contract coverage file matches --coverage/,
  );
  assert.throws(
    () => readCoverage(join(dir, "other.json"), true),
    /"schemas" must be an array of schema ids/,
  );
});

test("schema ids come from http/, ws/ and mcp/ below schemas_dir, official MCP schemas left out", () => {
  for (const path of [
    "http/health.v1.json",
    "ws/events/agent_started.v1.json",
    "mcp/tools_list.v1.json",
    "mcp/2025-11-25/schema.json",
    "mcp/2025-11-25/InitializeResult.json",
    "other/x.json",
    "http/readme.md",
  ]) {
    mkdirSync(join(dir, "contracts", path, ".."), { recursive: true });
    writeFileSync(join(dir, "contracts", path), "{}");
  }
  assert.deepEqual(readSchemaIds(join(dir, "contracts")), [
    "http/health.v1",
    "mcp/2025-11-25/InitializeResult",
    "mcp/tools_list.v1",
    "ws/events/agent_started.v1",
  ]);
  assert.throws(() => readSchemaIds(join(dir, "missing")), /contracts\.schemas_dir .* is not a folder/);
});
