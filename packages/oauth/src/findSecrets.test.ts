import assert from "node:assert/strict";
import { test } from "node:test";
import { findSecrets } from "./findSecrets.ts";

const log = [
  '{"level":"info","event":"oauth_token","verifier":"present","verifier_valid":false}',
  '{"level":"info","event":"request","path":"/oauth/token","status":400}',
].join("\n");

test("a clean log: nothing found", () => {
  assert.deepEqual(findSecrets(log, ["c29tZS1jb2Rl", "dmVyaWZpZXI"]), { found: 0, jwt: false });
});

test("a code, a verifier or a token anywhere in the output is found; so is any JWT", () => {
  const leaked = `${log}\n{"event":"oops","code":"c29tZS1jb2Rl"}`;
  assert.deepEqual(findSecrets(leaked, ["c29tZS1jb2Rl", "dmVyaWZpZXI"]), { found: 1, jwt: false });
  const jwt = `${log}\nAuthorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlMTIz`;
  assert.deepEqual(findSecrets(jwt, []), { found: 0, jwt: true });
});
