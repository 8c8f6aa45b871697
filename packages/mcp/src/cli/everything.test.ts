import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { readToolMatrices } from "../matrix/writeToolMatrix.ts";
import { main } from "./cli.ts";
import { startEverything } from "./startEverything.ts";

// `assay mcp` against an MCP server this repo did not write, over real loopback sockets: the
// matrix is produced, passes with the target's baseline, and that baseline's entry still fails
// (not stale). packages/mcp/targets/everything.json lists the finding and its reason.
const config = fileURLToPath(new URL("../../targets/everything.json", import.meta.url));

test("assay mcp against @modelcontextprotocol/server-everything: the matrix with its baseline", async () => {
  const server = await startEverything();
  const out = mkdtempSync(join(tmpdir(), "assay-everything-"));
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => lines.push(chunk) > 0) as typeof process.stdout.write;
  let code: number;
  try {
    code = await main(["--url", server.url, "--config", config, "--out", out, "--call-destructive"]);
  } finally {
    process.stdout.write = write;
    await server.stop();
  }
  const [matrix] = readToolMatrices(join(out, "tool-matrix.json"));
  assert.equal(code, 0, lines.join(""));
  assert.ok(matrix);
  assert.equal(matrix.target, "server-everything");
  assert.ok(matrix.totals.called >= 10, `only ${matrix.totals.called} tools called`);
  assert.deepEqual(
    matrix.cases.filter((c) => c.status === "expected_failure").map((c) => `${c.tool} › ${c.case}`),
    ["get-resource-reference › valid"],
  );
  assert.match(readFileSync(join(out, "tool-matrix.md"), "utf8"), /server-everything, session era/);
});
