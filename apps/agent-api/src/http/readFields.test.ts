import assert from "node:assert/strict";
import { test } from "node:test";
import { HttpError } from "./HttpError.ts";
import { readFields, readText } from "./readFields.ts";

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof HttpError);
    assert.equal(error.status, 400);
    assert.equal(error.code, "validation_failed");
    return error.message;
  }
  throw new Error("expected a validation_failed refusal");
}

const CONTEXT = {
  topic: { required: true, min: 1, max: 200 },
  content: { required: true, min: 1, max: 8, bytes: true },
  tags: { required: false, maxItems: 2, list: { required: true, min: 1, max: 3 } },
  count: { required: false, integer: { min: 1, max: 10 } },
  on: { required: false, flag: true },
  claims: { required: false, object: true },
} as const;

// Fails when a valid field of any kind is refused or comes back mistyped.
test("returns typed fields of every kind", () => {
  const fields = readFields(
    { topic: "t", content: "ab", tags: ["x"], count: 3, on: false, claims: { a: 1 } },
    CONTEXT,
  );
  assert.deepEqual(fields, { topic: "t", content: "ab", tags: ["x"], count: 3, on: false, claims: { a: 1 } });
  assert.deepEqual(readFields(undefined, { title: { required: false, min: 1, max: 2 } }), {});
});

// Fails when a field PostgreSQL cannot store (NUL, lone surrogate) or over its limits gets through.
test("refuses, naming the field, what PostgreSQL could not store or the rules do not allow", () => {
  const base = { topic: "t", content: "ab" };
  assert.match(
    refusal(() => readFields({ ...base, topic: "a\u0000b" }, CONTEXT)),
    /"topic" must not contain NUL/,
  );
  assert.match(
    refusal(() => readFields({ ...base, topic: "\ud800" }, CONTEXT)),
    /"topic" must be well-formed/,
  );
  assert.match(
    refusal(() => readFields({ ...base, content: "é".repeat(5) }, CONTEXT)),
    /1 to 8 bytes/,
  );
  assert.match(
    refusal(() => readFields({ ...base, tags: ["a", "b", "c"] }, CONTEXT)),
    /at most 2 items/,
  );
  assert.match(
    refusal(() => readFields({ ...base, tags: ["\u0000"] }, CONTEXT)),
    /"tags"\[0\] must not/,
  );
  assert.match(
    refusal(() => readFields({ ...base, tags: "a" }, CONTEXT)),
    /"tags" must be an array/,
  );
  assert.match(
    refusal(() => readFields({ ...base, count: 2.5 }, CONTEXT)),
    /"count" must be an integer/,
  );
  assert.match(
    refusal(() => readFields({ ...base, on: "yes" }, CONTEXT)),
    /"on" must be true or false/,
  );
  assert.match(
    refusal(() => readFields({ ...base, claims: [] }, CONTEXT)),
    /"claims" must be a JSON object/,
  );
  assert.match(
    refusal(() => readFields({ ...base, extra: 1 }, CONTEXT)),
    /Unknown field "extra"/,
  );
  assert.match(
    refusal(() => readFields({ topic: "t" }, CONTEXT)),
    /"content" is required/,
  );
  assert.match(
    refusal(() => readFields([], CONTEXT)),
    /must be a JSON object/,
  );
  assert.match(
    refusal(() => readText(null, 'Query parameter "topic"', CONTEXT.topic)),
    /"topic" is required/,
  );
});
