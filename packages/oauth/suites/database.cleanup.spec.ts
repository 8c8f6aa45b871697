import { createHash } from "node:crypto";
import pg from "pg";
import { goodCode } from "../src/index.ts";
import { expect, oauthTest as test } from "../src/oauthTest.ts";

// The `database` project, local runs with a DATABASE_URL only (playwright.config.ts): codes are
// stored hashed in oauth_authorization_codes, and the cleanup job deletes them once expired. An
// instance of its own with a one-second cleanup interval, on the run's database, makes the check
// take seconds; the run's own service (a minute's interval) must have left no code expired for
// longer than that either.

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

test("codes are stored hashed, and expired ones are gone after the cleanup job", async ({
  oauthInstances,
  target,
}) => {
  test.setTimeout(120_000);
  const instance = await oauthInstances.start({ ASSAY_OAUTH_CLEANUP_SECONDS: "1" });
  const ctx = await instance.oauth.matrixContext();
  const client = await instance.oauth.register();
  await instance.oauth.support.codeTtl(client.clientId, 2);
  const { code } = await goodCode(ctx, client);
  const db = new pg.Client({ connectionString: String(target.databaseUrl) });
  await db.connect();
  try {
    const count = async (sql: string, values: unknown[]) =>
      Number((await db.query<{ n: string }>(sql, values)).rows[0]?.n);
    expect(
      await count("SELECT count(*) AS n FROM oauth_authorization_codes WHERE code_hash = $1", [sha256(code)]),
    ).toBe(1);
    const plain = await count(
      "SELECT count(*) AS n FROM oauth_authorization_codes c WHERE position($1 in row_to_json(c)::text) > 0",
      [code],
    );
    expect(plain, "the code itself is stored somewhere in the row").toBe(0);
    await expect
      .poll(
        () =>
          count("SELECT count(*) AS n FROM oauth_authorization_codes WHERE code_hash = $1", [sha256(code)]),
        {
          timeout: 15_000,
        },
      )
      .toBe(0);
    const stale = await count(
      "SELECT count(*) AS n FROM oauth_authorization_codes WHERE expires_at < now() - interval '3 minutes'",
      [],
    );
    expect(stale, "codes expired more than 3 minutes ago are still in the table").toBe(0);
  } finally {
    await db.end();
  }
});
