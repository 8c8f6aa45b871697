import assert from "node:assert/strict";
import { test } from "node:test";
import { compileToolSchema } from "./compileToolSchema.ts";
import { createMutants } from "./createMutants.ts";

const schema = {
  type: "object",
  properties: {
    name: { type: "string", minLength: 1, maxLength: 5 },
    count: { type: "integer", minimum: 1, exclusiveMaximum: 10 },
    kind: { enum: ["a", "b"] },
    tags: { type: "array", items: { type: "string" }, maxItems: 2 },
    owner: { $ref: "#/$defs/owner" },
  },
  required: ["name", "kind"],
  additionalProperties: false,
  $defs: {
    owner: {
      type: "object",
      properties: { id: { type: "string", format: "uuid" } },
      required: ["id"],
      additionalProperties: false,
    },
  },
};
const valid = { name: "abc", kind: "a", tags: ["x"], owner: { id: "6f1c1f0e-8d3b-4a57-9d6e-0a1b2c3d4e5f" } };

test("each rule of the schema gets one mutant, named by kind, pointer and keyword", () => {
  const cases = createMutants(schema, valid).map((m) => m.case);
  assert.deepEqual(cases, [
    "missing_required:/name",
    "missing_required:/kind",
    "wrong_type:/name",
    "out_of_range:/name:minLength",
    "out_of_range:/name:maxLength",
    "wrong_type:/count",
    "out_of_range:/count:minimum",
    "out_of_range:/count:exclusiveMaximum",
    "wrong_type:/kind",
    "enum_miss:/kind",
    "wrong_type:/tags",
    "out_of_range:/tags:maxItems",
    "wrong_type:/owner",
    "missing_required:/owner/id",
    "wrong_type:/owner/id",
    "extra_property:/owner",
    "extra_property:/",
  ]);
});

test("every mutant is invalid for ajv and leaves the valid arguments untouched", () => {
  const { validate } = compileToolSchema(schema);
  assert.ok(validate);
  assert.equal(validate(valid), true);
  const before = structuredClone(valid);
  for (const mutant of createMutants(schema, valid))
    assert.equal(
      validate(mutant.args),
      false,
      `${mutant.case} should be invalid: ${JSON.stringify(mutant.args)}`,
    );
  assert.deepEqual(valid, before);
});

test("a property of any type gets no wrong-type mutant; a boolean enum gets no enum miss", () => {
  const cases = createMutants(
    { type: "object", properties: { any: {}, flag: { enum: [true] } } },
    { any: 1, flag: true },
  ).map((m) => m.case);
  assert.deepEqual(cases, ["wrong_type:/flag"]);
});

test("a union of types yields a value of none of them", () => {
  const [mutant] = createMutants({ type: "object", properties: { v: { type: ["string", "null"] } } }, {});
  assert.deepEqual(mutant?.args, { v: 7 });
});

test("an object without properties and open to extras has nothing to mutate", () => {
  assert.deepEqual(createMutants({ type: "object" }, {}), []);
});
