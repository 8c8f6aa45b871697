import assert from "node:assert/strict";
import { test } from "node:test";
import { compileToolSchema } from "./compileToolSchema.ts";
import { generateValidArgs, toolSeed } from "./generateValidArgs.ts";

const schema = {
  type: "object",
  properties: {
    name: { type: "string", minLength: 1, maxLength: 40 },
    count: { type: "integer", minimum: 1, maximum: 9 },
    kind: { enum: ["a", "b"] },
  },
  required: ["name", "count", "kind"],
  additionalProperties: false,
};

test("the same seed gives the same valid arguments", () => {
  const { validate } = compileToolSchema(schema);
  assert.ok(validate);
  const a = generateValidArgs(schema, validate, 7);
  const b = generateValidArgs(schema, validate, 7);
  assert.equal(a.ok, true);
  assert.deepEqual(a, b);
  assert.equal(validate(a.ok ? a.args : null), true);
});

test("fixed values from the config replace generated ones and are checked too", () => {
  const { validate } = compileToolSchema(schema);
  assert.ok(validate);
  const made = generateValidArgs(schema, validate, 7, { kind: "b" });
  assert.equal(made.ok && made.args.kind, "b");
  const bad = generateValidArgs(schema, validate, 7, { kind: "zzz" });
  assert.equal(bad.ok, false);
  assert.match(bad.ok ? "" : bad.reason, /\/kind must be equal to one of the allowed values/);
});

test("a tool's seed depends on the run's seed and the tool's name only", () => {
  assert.equal(toolSeed(1, "a"), toolSeed(1, "a"));
  assert.notEqual(toolSeed(1, "a"), toolSeed(1, "b"));
  assert.notEqual(toolSeed(1, "a"), toolSeed(2, "a"));
});
