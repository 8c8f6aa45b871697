import assert from "node:assert/strict";
import { test } from "node:test";
import { provisionDatabase, ROLE_ATTRIBUTES } from "./provisionDatabase.ts";

// Names are spliced into DDL, so anything but a plain identifier is refused before connecting
// (the URL points at a closed port: reaching it would fail differently).
const UNUSED = "postgres://postgres@127.0.0.1:9/postgres";

// Fails when a name spliced into DDL can inject SQL.
test("refuses role and database names that are not plain identifiers, before connecting", async () => {
  await assert.rejects(provisionDatabase(UNUSED, 'app"; DROP ROLE postgres; --'), /role must match/);
  await assert.rejects(provisionDatabase(UNUSED, "assay_app", "Assay-DB"), /database must match/);
});

// Fails when the provisioned role could bypass row-level security.
test("the role may not bypass row-level security nor be a superuser", () => {
  assert.match(ROLE_ATTRIBUTES, /\bNOSUPERUSER\b/);
  assert.match(ROLE_ATTRIBUTES, /\bNOBYPASSRLS\b/);
  assert.match(ROLE_ATTRIBUTES, /\bLOGIN\b/);
});
