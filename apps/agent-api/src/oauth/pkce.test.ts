import assert from "node:assert/strict";
import { test } from "node:test";
import { checkChallenge, verifierMatches } from "./pkce.ts";

// RFC 7636 Appendix B.
const VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

test("S256 only: no challenge, plain, a missing method and a malformed challenge are refused", () => {
  assert.deepEqual(checkChallenge(CHALLENGE, "S256", false), { method: "S256" });
  assert.match(JSON.stringify(checkChallenge(undefined, "S256", false)), /required/);
  assert.match(JSON.stringify(checkChallenge(CHALLENGE, "plain", false)), /must be S256/);
  assert.match(JSON.stringify(checkChallenge(CHALLENGE, undefined, false)), /must be S256/);
  assert.match(JSON.stringify(checkChallenge("short", "S256", false)), /43 base64url/);
  assert.match(JSON.stringify(checkChallenge(CHALLENGE, "S512", true)), /must be S256/);
});

test("the plain fault lets plain (and a missing method) through", () => {
  assert.deepEqual(checkChallenge(VERIFIER, "plain", true), { method: "plain" });
  assert.deepEqual(checkChallenge(VERIFIER, undefined, true), { method: "plain" });
});

test("verifiers: the RFC's example matches, anything else does not", () => {
  assert.equal(verifierMatches(VERIFIER, CHALLENGE, "S256"), true);
  assert.equal(verifierMatches(`${VERIFIER.slice(0, -1)}Y`, CHALLENGE, "S256"), false);
  assert.equal(verifierMatches(CHALLENGE, CHALLENGE, "S256"), false, "the challenge is not its own verifier");
  assert.equal(verifierMatches("short", CHALLENGE, "S256"), false);
  assert.equal(verifierMatches(VERIFIER, VERIFIER, "plain"), true);
});
