import assert from "node:assert/strict";
import { test } from "node:test";
import { createPkce, s256 } from "./createPkce.ts";

test("S256 of RFC 7636 Appendix B's verifier is its challenge", () => {
  assert.equal(
    s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
    "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
  );
});

test("a fresh pair: a 43-character verifier, its challenge, never the same twice", () => {
  const one = createPkce();
  assert.match(one.verifier, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(one.challenge, s256(one.verifier));
  assert.equal(one.method, "S256");
  assert.notEqual(createPkce().verifier, one.verifier);
});
