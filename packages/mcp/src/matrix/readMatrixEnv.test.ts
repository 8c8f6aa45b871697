import assert from "node:assert/strict";
import { test } from "node:test";
import { readMatrixEnv } from "./readMatrixEnv.ts";

test("config and seed come from the environment; a bad seed is one line naming the variable", () => {
  assert.deepEqual(readMatrixEnv({}), {});
  assert.deepEqual(readMatrixEnv({ ASSAY_MCP_CONFIG: "t.json", ASSAY_MCP_SEED: "42" }), {
    config: "t.json",
    seed: 42,
  });
  assert.throws(
    () => readMatrixEnv({ ASSAY_MCP_SEED: "4x" }),
    /^McpInputError: \[assay\/mcp\] ASSAY_MCP_SEED="4x" is not a seed/,
  );
  assert.throws(() => readMatrixEnv({ ASSAY_MCP_SEED: "99999999999" }), /is not a seed/);
});
