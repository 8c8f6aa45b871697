import assert from "node:assert/strict";
import { test } from "node:test";
import { OauthFlowError } from "./OauthFlowError.ts";
import { readAuthorizationResponse } from "./readAuthorizationResponse.ts";

const ISSUER = "https://as.example.com";
const cb = (query: string) => `https://client.example/cb?${query}`;
const expected = { state: "s1", issuer: ISSUER, issSupported: true };

test("a code with the request's state and the issuer's iss", () => {
  assert.deepEqual(
    readAuthorizationResponse(cb(`code=abc&state=s1&iss=${encodeURIComponent(ISSUER)}`), expected),
    {
      kind: "code",
      code: "abc",
      state: "s1",
      iss: ISSUER,
    },
  );
  const error = readAuthorizationResponse(
    cb(`error=access_denied&state=s1&iss=${encodeURIComponent(ISSUER)}`),
    expected,
  );
  assert.equal(error.kind, "error");
});

test("RFC 9207: another iss, a missing iss when promised, iss compared without normalization", () => {
  const refuses = (query: string, message: RegExp, options = expected) =>
    assert.throws(
      () => readAuthorizationResponse(cb(query), options),
      (error: unknown) =>
        error instanceof OauthFlowError && error.step === "callback" && message.test(error.message),
    );
  refuses("code=abc&state=s1&iss=https%3A%2F%2Fevil.example", /is not the issuer/);
  refuses("code=abc&state=s1&iss=https%3A%2F%2FAS.example.com", /is not the issuer/);
  refuses("code=abc&state=s1&iss=https%3A%2F%2Fas.example.com%2F", /is not the issuer/);
  refuses("code=abc&state=s1", /no iss/);
  assert.equal(
    readAuthorizationResponse(cb("code=abc&state=s1"), { ...expected, issSupported: false }).kind,
    "code",
  );
  refuses("error=x&state=s1&iss=https%3A%2F%2Fevil.example", /is not the issuer/, expected);
});

test("state: missing or different is discarded; code and error together break the contract", () => {
  const iss = `iss=${encodeURIComponent(ISSUER)}`;
  assert.throws(() => readAuthorizationResponse(cb(`code=abc&${iss}`), expected), /carries no state/);
  assert.throws(
    () => readAuthorizationResponse(cb(`code=abc&state=s2&${iss}`), expected),
    /not the request's/,
  );
  assert.throws(
    () => readAuthorizationResponse(cb(`code=abc&error=x&state=s1&${iss}`), expected),
    /breaks http\/oauth-authorization-response\.v1/,
  );
});
