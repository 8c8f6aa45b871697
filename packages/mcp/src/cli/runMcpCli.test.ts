import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { MatrixClient } from "../matrix/runToolMatrix.ts";
import { type McpCliDeps, runMcpCli } from "./runMcpCli.ts";

// The CLI around an in-memory server: exit codes, output and files. The matrix itself is tested in
// src/matrix; the real client and servers in the suites and in packages/mcp/README.md's commands.
function server(broken: boolean): McpCliDeps & { eras: string[]; closed: number } {
  const state = { eras: [] as string[], closed: 0 };
  return {
    ...state,
    get eras() {
      return state.eras;
    },
    get closed() {
      return state.closed;
    },
    async connect({ era, token }) {
      if (token === "wrong") throw new Error(`HTTP 401 for token ${token}`);
      state.eras.push(era);
      const client: MatrixClient & { close(): Promise<void> } = {
        era: era === "auto" ? "session" : era,
        protocolVersion: era === "stateless" ? "2026-07-28" : "2025-11-25",
        async listTools() {
          const inputSchema = { type: "object", properties: { m: { type: "string" } }, required: ["m"] };
          return [{ name: "echo", inputSchema, annotations: { readOnlyHint: true } }];
        },
        async callTool(_name, args) {
          const ok = typeof (args as { m?: unknown }).m === "string";
          const result =
            ok && !broken ? { content: [{ type: "text", text: "hi" }] } : { content: [], isError: true };
          return { response: { jsonrpc: "2.0", id: 1, result }, exchange: { status: 200, ms: 1 } };
        },
        async close() {
          state.closed++;
        },
      };
      return client;
    },
  };
}

const run = async (argv: string[], deps: McpCliDeps, env = {}) => {
  const lines = { stdout: [] as string[], stderr: [] as string[] };
  const code = await runMcpCli(
    argv,
    env,
    { stdout: (l) => lines.stdout.push(l), stderr: (l) => lines.stderr.push(l) },
    deps,
  );
  return { code, stdout: lines.stdout.join("\n"), stderr: lines.stderr.join("\n") };
};

test("a passing server exits 0, prints the table and the seed, and writes both files", async () => {
  const out = mkdtempSync(join(tmpdir(), "assay-cli-"));
  const deps = server(false);
  const { code, stdout } = await run(
    ["--url", "http://127.0.0.1:9/mcp", "--seed", "5", "--out", out, "--era", "both"],
    deps,
  );
  assert.equal(code, 0);
  assert.deepEqual(deps.eras, ["session", "stateless"]);
  assert.equal(deps.closed, 2);
  assert.match(stdout, /\| echo \| pass 1\/1 \| pass 1\/1/);
  assert.match(stdout, /assay mcp: PASS: 2 matrix\(es\), \d+ cases; seed 5 \(reproduce with --seed 5\)/);
  assert.match(readFileSync(join(out, "tool-matrix.md"), "utf8"), /stateless era/);
});

test("a failing matrix exits 1 and names the tool and the reason", async () => {
  const out = mkdtempSync(join(tmpdir(), "assay-cli-"));
  const { code, stdout } = await run(["--url", "http://127.0.0.1:9/mcp", "--out", out], server(true));
  assert.equal(code, 1);
  assert.match(stdout, /- echo › valid: valid arguments answered isError/);
});

test("bad arguments, a bad config and an unreachable server exit 2 with one line, never the token", async () => {
  const dir = mkdtempSync(join(tmpdir(), "assay-cli-"));
  writeFileSync(join(dir, "bad.json"), JSON.stringify({ tools: { echo: { skip: 3 } } }));
  const bad = await run(["--url", "http://x/mcp", "--config", join(dir, "bad.json")], server(false));
  assert.equal(bad.code, 2);
  assert.match(
    bad.stderr,
    /^\[assay\/mcp\] config .*bad\.json: \/tools\/echo\/skip must be string \(rule: type\)/,
  );
  const refused = await run([], server(false), { ASSAY_MCP_URL: "http://x/mcp", ASSAY_MCP_TOKEN: "wrong" });
  assert.equal(refused.code, 2);
  assert.equal(
    refused.stderr,
    "[assay/mcp] could not connect to http://x/mcp (era auto): HTTP 401 for token ***",
  );
  const usage = await run(["--bogus"], server(false));
  assert.equal(usage.code, 2);
  const help = await run(["--help"], server(false));
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^usage: assay mcp --url <url>/);
});
