import assert from "node:assert/strict";
import { test } from "node:test";
import jwt from "jsonwebtoken";
import { mintToken } from "./mintToken.ts";

const key = "k".repeat(32);

test("a minted token verifies with the same key, issuer and audience", () => {
  const token = mintToken({ userId: "u-1", key, issuer: "iss", audience: "aud" });
  const payload = jwt.verify(token, key, { algorithms: ["HS256"], issuer: "iss", audience: "aud" });
  assert.equal(typeof payload === "object" && payload.sub, "u-1");
});

test("a negative lifetime mints a token the verifier rejects as expired", () => {
  const token = mintToken({ userId: "u-1", key, expiresInSeconds: -60 });
  assert.throws(() => jwt.verify(token, key, { algorithms: ["HS256"] }), /jwt expired/);
});

test("a wrong key fails verification", () => {
  const token = mintToken({ userId: "u-1", key });
  assert.throws(() => jwt.verify(token, "x".repeat(32), { algorithms: ["HS256"] }), /invalid signature/);
});

test("missing user id or key is a usage error naming the argument", () => {
  assert.throws(() => mintToken({ userId: "", key }), /\[assay\/auth\] mintToken needs a userId/);
  assert.throws(() => mintToken({ userId: "u", key: "" }), /\[assay\/auth\] mintToken needs a key/);
});
