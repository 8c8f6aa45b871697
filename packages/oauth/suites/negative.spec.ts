import { mkdirSync, writeFileSync } from "node:fs";
import { assertMatrix, formatMatrix, NEGATIVE_CASES, runNegativeMatrix } from "../src/index.ts";
import { expect, oauthTest as test } from "../src/oauthTest.ts";

// The negative matrix: every request here is one the RFCs say must be refused, with a named
// error, and none may hand out a token. The matrix (case → expected / got) is attached to the
// report and written to reports/oauth/.

test("the negative matrix: each case refused with the error the RFCs name, no token issued", async ({
  oauth,
}, testInfo) => {
  test.setTimeout(180_000);
  const started = performance.now();
  const rows = await runNegativeMatrix(await oauth.matrixContext(), NEGATIVE_CASES);
  const markdown = formatMatrix(rows);
  const tokens = rows.reduce((sum, row) => sum + row.tokensIssued, 0);
  const summary = `${rows.length} cases, ${rows.filter((row) => row.pass).length} as the RFCs say, ${tokens} token(s) issued by mistake, ${Math.round(performance.now() - started)} ms`;
  testInfo.annotations.push({ type: "assay:oauth-negative", description: summary });
  mkdirSync("reports/oauth", { recursive: true });
  writeFileSync("reports/oauth/negative-matrix.md", markdown);
  writeFileSync("reports/oauth/negative-matrix.json", `${JSON.stringify({ summary, rows }, null, 2)}\n`);
  await testInfo.attach("negative-matrix.md", { body: markdown, contentType: "text/markdown" });
  expect(rows.length).toBeGreaterThanOrEqual(20);
  assertMatrix(rows);
});
