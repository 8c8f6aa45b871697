import assert from "node:assert/strict";
import { test } from "node:test";
import { describeOauthError, OauthError, oauthErrorReply } from "./OauthError.ts";

test("error_description keeps to RFC 6749's NQSCHAR: no quotes, backslashes or non-ASCII", () => {
  assert.equal(describeOauthError('must be "S256" (RFC 7636 §4.3)'), "must be 'S256' (RFC 7636 section 4.3)");
  assert.equal(describeOauthError("a\\b é\n"), "a/b ??");
  const reply = oauthErrorReply(new OauthError(400, "invalid_request", 'response_type must be "code".'));
  assert.deepEqual(reply.body, {
    error: "invalid_request",
    error_description: "response_type must be 'code'.",
  });
  assert.equal(reply.headers?.pragma, "no-cache");
});
