import { fileURLToPath } from "node:url";
import { processEnv } from "../src/env.ts";
import { encoder } from "../src/index.ts";
import { formatMatrixFailures } from "../src/matrix/formatMatrixFailures.ts";
import { readMatrixEnv } from "../src/matrix/readMatrixEnv.ts";
import { readTargetConfig } from "../src/matrix/readTargetConfig.ts";
import { reportMatrix } from "../src/matrix/reportMatrix.ts";
import { runToolMatrix } from "../src/matrix/runToolMatrix.ts";
import { toPassToolMatrix } from "../src/matrix/toPassToolMatrix.ts";
import { expect as mcpExpect, test } from "../src/test.ts";

const expect = mcpExpect.extend({ toPassToolMatrix });

// The tool matrix: every tool of the target's MCP server, in both protocol eras, called with
// seeded valid arguments and with every invalid mutant ajv confirms, each answer judged.
// ASSAY_MCP_CONFIG names the target config (default: the reference's), ASSAY_MCP_SEED fixes the
// seed (default: the config's); the seed is printed and annotated so any failure reproduces.
// The tokenizer's tables load synchronously for a second or more; loaded here, before this
// worker opens any socket, that pause cannot outlast a kept-alive connection's idle timeout.
const { countTokens } = await encoder();
const env = readMatrixEnv(processEnv());
const configPath = env.config ?? fileURLToPath(new URL("../targets/reference.json", import.meta.url));
const config = readTargetConfig(configPath);
const seed = env.seed ?? config.seed ?? Math.floor(Math.random() * 2 ** 31);

for (const era of ["session", "stateless"] as const) {
  test(`tool matrix, ${era} era: valid calls succeed and match their outputSchema, invalid calls are refused`, async ({
    mcp,
    target,
  }, testInfo) => {
    // Every tool is called once per mutant plus once validly, one after the other.
    test.setTimeout(240_000);
    console.log(`[assay/mcp] tool matrix, ${era} era: seed ${seed} (ASSAY_MCP_SEED=${seed} reproduces it)`);
    const client = await mcp.connect({ era });
    const matrix = await runToolMatrix({
      client,
      config,
      url: mcp.url,
      runId: target.runId,
      seed,
      shared: target.kind === "staging",
      countTokens,
    });
    await reportMatrix(testInfo, matrix);
    expect(matrix).toPassToolMatrix();
  });
}

// Each fault breaks the reference in one way for one user; the matrix must fail and name the tool.
const quiet = { ...config, token_budgets: {}, expected_failures: [] };

test("mcp_output_schema_break: the matrix fails, naming list_projects and the path", async ({
  mcp,
  users,
  faults,
  target,
}) => {
  const user = await users.create();
  await faults.enable(user.id, "mcp_output_schema_break");
  const client = await mcp.connect({ user, era: "session" });
  const matrix = await runToolMatrix({
    client,
    config: quiet,
    url: mcp.url,
    runId: target.runId,
    seed,
    shared: false,
    only: ["list_projects"],
  });
  expect(matrix).not.toPassToolMatrix();
  expect(formatMatrixFailures(matrix)).toEqual([
    expect.stringMatching(
      /^list_projects › valid: structuredContent does not match the outputSchema: \/count must be integer/,
    ),
  ]);
});

test("mcp_throw_500: the matrix fails, naming create_project and each refused mutant's HTTP 500", async ({
  mcp,
  users,
  faults,
  target,
}) => {
  const user = await users.create();
  await faults.enable(user.id, "mcp_throw_500");
  const client = await mcp.connect({ user, era: "stateless", problems: "record" });
  const matrix = await runToolMatrix({
    client,
    config: quiet,
    url: mcp.url,
    runId: target.runId,
    seed,
    shared: false,
    only: ["create_project"],
  });
  expect(matrix).not.toPassToolMatrix();
  const failures = formatMatrixFailures(matrix);
  expect(failures).toContain("create_project › missing_required:/name: HTTP 500: a server error");
  // HTTP 500 bodies are no JSON-RPC answers, so the client records protocol problems as well.
  expect(
    failures
      .filter((line) => !line.startsWith("protocol: "))
      .every((line) => line.startsWith("create_project › ")),
  ).toBe(true);
});
