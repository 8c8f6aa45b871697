import assert from "node:assert/strict";
import { test } from "node:test";
import { validateArguments } from "./validateArguments.ts";

const schema = {
  type: "object",
  properties: {
    name: { type: "string", minLength: 1, maxLength: 5 },
    limit: { type: "integer", minimum: 1, maximum: 10 },
    id: { type: "string", format: "uuid" },
    kind: { enum: ["a", "b"] },
  },
  required: ["name"],
  additionalProperties: false,
};

test("arguments that fit pass; each kind of misfit is named in one line", () => {
  assert.equal(validateArguments(schema, { name: "ok", limit: 3, kind: "a" }), null);
  assert.match(validateArguments(schema, {}) ?? "", /missing argument "name"/);
  assert.match(validateArguments(schema, { name: "ok", extra: 1 }) ?? "", /unknown argument "extra"/);
  assert.match(
    validateArguments(schema, { name: "toolong" }) ?? "",
    /"name" must NOT have more than 5 characters/,
  );
  assert.match(validateArguments(schema, { name: "ok", limit: 11 }) ?? "", /"limit" must be <= 10/);
  assert.match(validateArguments(schema, { name: "ok", limit: 1.5 }) ?? "", /"limit" must be integer/);
  assert.match(validateArguments(schema, { name: "ok", id: "nope" }) ?? "", /"id" must match format "uuid"/);
  assert.match(
    validateArguments(schema, { name: "ok", kind: "c" }) ?? "",
    /"kind" must be equal to one of the allowed values/,
  );
  assert.match(validateArguments(schema, "text") ?? "", /arguments must be object/);
});

test("strings PostgreSQL cannot store are refused like the REST API refuses them", () => {
  assert.match(validateArguments(schema, { name: "a\u0000" }) ?? "", /"name" must not contain NUL/);
  assert.match(validateArguments(schema, { name: "\ud800" }) ?? "", /"name" must be well-formed Unicode/);
});
