import assert from "node:assert/strict";
import { test } from "node:test";
import { errorEnvelope, HttpError, notFound, toHttpError } from "./HttpError.ts";

// Fails when the envelope gains or loses a key (the error.v1 contract has exactly three).
test("errorEnvelope has exactly code, message and correlation_id", () => {
  assert.deepEqual(errorEnvelope("not_found", "No route.", "cid-1"), {
    error: { code: "not_found", message: "No route.", correlation_id: "cid-1" },
  });
});

// Fails when an unexpected error's message (SQL, paths) reaches the client.
test("toHttpError keeps HttpErrors and hides everything else behind a bare 500", () => {
  const known = notFound("run");
  assert.equal(toHttpError(known), known);
  const hidden = toHttpError(new Error('relation "users" does not exist at /srv/app/db.ts:12'));
  assert.equal(hidden.status, 500);
  assert.equal(hidden.code, "internal");
  assert.doesNotMatch(hidden.message, /does not exist|"users"|\/srv|db\.ts/);
  assert.ok(toHttpError("thrown string") instanceof HttpError);
});
