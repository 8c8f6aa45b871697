import { fileURLToPath } from "node:url";
import { annotate } from "@assay/contracts";
import { processEnv } from "../src/env.ts";
import { encoder, type McpEra } from "../src/index.ts";
import { readMatrixEnv } from "../src/matrix/readMatrixEnv.ts";
import { readTargetConfig } from "../src/matrix/readTargetConfig.ts";
import { TOKENS_ANNOTATION } from "../src/matrix/reportMatrix.ts";
import { modelText } from "../src/matrix/runToolMatrix.ts";
import { expect, test } from "../src/test.ts";

// What a model pays before it does anything: the tool list, the discovery result, and the
// progressive-disclosure tier. Budgets come from the target config (`token_budgets`); each count
// is annotated so the report shows it even when it fits.
// The tokenizer's tables load synchronously for a second or more; loaded here, before this
// worker opens any socket, that pause cannot outlast a kept-alive connection's idle timeout.
const { countTokens } = await encoder();
const env = readMatrixEnv(processEnv());
const config = readTargetConfig(
  env.config ?? fileURLToPath(new URL("../targets/reference.json", import.meta.url)),
);
const budgets = config.token_budgets;

for (const era of ["session", "stateless"] as McpEra[]) {
  test(`token budgets, ${era} era: tools/list, discovery and the disclosure tier`, async ({
    mcp,
  }, testInfo) => {
    const client = await mcp.connect({ era });
    const discovery = era === "stateless" ? "server/discover" : "initialize";
    const parts: Array<[string, unknown, number | undefined]> = [
      ["tools/list", { tools: await client.listTools() }, budgets["tools/list"]],
      [discovery, client.serverInfo, budgets[discovery]],
    ];
    for (const [tool, budget] of Object.entries(budgets.tools ?? {})) {
      const answer = await client.callTool(tool, {});
      // A budgeted tool that errs has no output to count: that is a failure, not a fit.
      expect.soft(answer, `tools/call ${tool}`).toBeToolResult({ isError: false });
      const { response } = answer;
      // A tool's output counts as a model reads it: its text (see modelText).
      parts.push([`tools/call ${tool}`, modelText(response.result), budget]);
    }
    const judged = parts.filter(([, , budget]) => budget !== undefined);
    expect(judged.length, "the config gives no token budget: nothing would be checked").toBeGreaterThan(0);
    for (const [part, value, budget] of parts) {
      const tokens = countTokens(typeof value === "string" ? value : JSON.stringify(value));
      annotate(TOKENS_ANNOTATION, JSON.stringify({ part, era, tokens, budget: budget ?? null }));
      if (budget !== undefined) await expect.soft(value, part).toFitTokenBudget(budget);
    }
  });
}
