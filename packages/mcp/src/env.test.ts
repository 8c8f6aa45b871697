import assert from "node:assert/strict";
import { test } from "node:test";
import { readMcpEnv } from "./env.ts";

test("reads ASSAY_MCP_URL and ASSAY_MCP_TOKEN; both unset is the target's /mcp", () => {
  assert.deepEqual(readMcpEnv({}), { url: undefined, token: undefined });
  assert.deepEqual(readMcpEnv({ ASSAY_MCP_URL: "https://mcp.example.com/mcp", ASSAY_MCP_TOKEN: "t" }), {
    url: "https://mcp.example.com/mcp",
    token: "t",
  });
});

test("a malformed URL or a token without a URL stops with one line naming the variable", () => {
  assert.throws(
    () => readMcpEnv({ ASSAY_MCP_URL: "ftp://x" }),
    new Error(
      '[assay/mcp] ASSAY_MCP_URL="ftp://x" is not an http: or https: URL; set it to the MCP endpoint, e.g. https://staging.example.com/mcp.',
    ),
  );
  assert.throws(
    () => readMcpEnv({ ASSAY_MCP_TOKEN: "t" }),
    /ASSAY_MCP_TOKEN is set but ASSAY_MCP_URL is not/,
  );
});
