import { createHash } from "node:crypto";
import { checkLogLines } from "@assay/contracts";
import pg from "pg";
import {
  assertMatrix,
  checkRestartRedeem,
  findSecrets,
  NEGATIVE_CASES,
  runNegativeMatrix,
} from "../src/index.ts";
import { expect, oauthTest as test } from "../src/oauthTest.ts";

// Local runs only (playwright.config.ts): these tests boot instances of the service of their own
// — the run's webServer cannot be restarted from a test — on the run's database kind, with their
// stdout captured, which is also where the OAuth log lines are read.

/** How many of these values are stored as authorization codes that expired over 2 s ago. */
async function staleCodes(databaseUrl: string, values: readonly string[]): Promise<number> {
  const hashes = values.map((value) => createHash("sha256").update(value).digest("hex"));
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const result = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM oauth_authorization_codes WHERE code_hash = ANY($1) AND expires_at < clock_timestamp() - interval '2 seconds'",
      [hashes],
    );
    return Number(result.rows[0]?.n);
  } finally {
    await db.end();
  }
}

const OAUTH_LINES = [
  "oauth_authorize",
  "oauth_sign_in",
  "oauth_consent",
  "oauth_token",
  "oauth_validate",
  "oauth_register",
];

test("a restart between authorize and token: the code still redeems, once; the log holds none of the run's secrets", async ({
  oauthInstances,
  target,
}) => {
  test.setTimeout(240_000);
  const instance = await oauthInstances.start({ ASSAY_OAUTH_CLEANUP_SECONDS: "1" });
  const ctx = await instance.oauth.matrixContext();
  const client = await instance.oauth.register();
  const { serverName } = await checkRestartRedeem(ctx, client, () => instance.restart());
  expect(serverName).toBeTruthy();
  expect(instance.logs.filter((line) => line.event === "listening")).toHaveLength(2);

  // The whole matrix against this instance too: every kind of code, verifier and token in its log's way.
  const rows = await runNegativeMatrix(ctx, NEGATIVE_CASES);
  assertMatrix(rows);

  const lines = instance.logs.filter((line) => OAUTH_LINES.includes(String(line.event)));
  const byMsg = (msg: string) => lines.filter((line) => line.event === msg);
  // The lines say whether challenge and verifier were there and held…
  expect(
    byMsg("oauth_authorize").some((line) => line.challenge === "absent" && line.outcome === "refused"),
  ).toBe(true);
  expect(
    byMsg("oauth_authorize").some((line) => line.challenge === "present" && line.challenge_valid === true),
  ).toBe(true);
  expect(
    byMsg("oauth_token").some((line) => line.verifier === "absent" && line.error === "invalid_request"),
  ).toBe(true);
  expect(
    byMsg("oauth_token").some((line) => line.verifier === "present" && line.verifier_valid === false),
  ).toBe(true);
  expect(byMsg("oauth_token").some((line) => line.verifier_valid === true && line.outcome === "issued")).toBe(
    true,
  );
  expect(byMsg("oauth_validate").some((line) => line.kind === "oauth" && line.outcome === "accepted")).toBe(
    true,
  );
  expect(byMsg("oauth_validate").some((line) => line.grant === "revoked" && line.outcome === "refused")).toBe(
    true,
  );
  // …and the cleanup job deleted the matrix's expired code while it ran. On PostgreSQL the instance
  // shares the run's database with the run's service and the database project's instance, whose
  // cleanup may take that code first: there the check is that none of this instance's codes is
  // still stored two seconds after it expired, whoever deleted it.
  const cleanedUp = async () =>
    instance.logs.some((line) => line.event === "oauth_cleanup" && Number(line.codes) >= 1) ||
    (target.databaseUrl !== undefined &&
      (await staleCodes(String(target.databaseUrl), instance.oauth.secrets)) === 0);
  await expect.poll(cleanedUp, { timeout: 10_000 }).toBe(true);

  // …and carry none of the run's secrets: every code, verifier, token, client secret, registration
  // token and sign-in code this instance's session met, anywhere in the output.
  // Every OAuth line matches logs/oauth.v1 (facts only, no value fields) and holds no secret…
  const check = checkLogLines(lines, { secrets: instance.oauth.secrets });
  expect(check.problems).toEqual([]);
  expect(check.kinds["logs/oauth.v1"]).toBe(lines.length);
  // …and nowhere in the whole output, parsed or not, is there one.
  const output = instance.output();
  const secrets = instance.oauth.secrets;
  // At least one of each per case, and more: a vacuous scan would be a failure, not a pass.
  expect(secrets.length, "the check had secrets to look for").toBeGreaterThan(rows.length);
  expect(findSecrets(output, secrets), `the service's output holds secrets of the run`).toEqual({
    found: 0,
    jwt: false,
  });
  test.info().annotations.push({
    type: "assay:oauth-log-scan",
    description: `${lines.length} OAuth log lines, ${output.split("\n").length} lines in all, checked for ${secrets.length} secrets: 0 found`,
  });
});

test("oauth_codes_in_memory: the restart check fails, naming the lost code", async ({ oauthInstances }) => {
  test.setTimeout(180_000);
  const instance = await oauthInstances.start();
  const client = await instance.oauth.register();
  await instance.oauth.clientFault(client, "oauth_codes_in_memory");
  const ctx = await instance.oauth.matrixContext();
  await expect(checkRestartRedeem(ctx, client, () => instance.restart())).rejects.toThrow(
    /token: the code issued before the restart did not redeem after it: 400 invalid_grant/,
  );
});
