import assert from "node:assert/strict";
import { test } from "node:test";
import { compileToolSchema } from "./compileToolSchema.ts";

test("a schema without $schema compiles strictly as 2020-12 and validates", () => {
  const input = compileToolSchema({
    type: "object",
    properties: {
      n: { type: "integer", minimum: 1 },
      tags: { type: "array", items: { type: "string" }, maxItems: 3 },
    },
    required: ["n"],
    additionalProperties: false,
  });
  assert.equal(input.dialect, "2020-12");
  assert.equal(input.compiled, "strict");
  assert.equal(input.validate?.({ n: 2 }), true);
  assert.equal(input.validate?.({ n: 0 }), false);
});

test("a typo'd keyword fails strict mode, names the keyword, and still validates laxly", () => {
  const input = compileToolSchema({ type: "object", properties: { n: { type: "integer", minimun: 1 } } });
  assert.equal(input.compiled, "lax");
  assert.match(input.problem, /strict mode: .*minimun/);
  assert.equal(input.validate?.({ n: "x" }), false);
});

test("a required property never defined is a strict-mode finding", () => {
  const input = compileToolSchema({ type: "object", properties: {}, required: ["ghost"] });
  assert.equal(input.compiled, "lax");
  assert.match(input.problem, /ghost/);
});

test("a declared draft-07 dialect is compiled as draft-07", () => {
  const input = compileToolSchema({
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    properties: { a: { type: "string" } },
    additionalProperties: false,
  });
  assert.equal(input.dialect, "draft-07");
  assert.equal(input.compiled, "strict");
  assert.equal(input.validate?.({ b: 1 }), false);
});

test("an unknown dialect, a non-object and a broken schema are not compiled", () => {
  assert.match(compileToolSchema({ $schema: "https://example.test/x" }).problem, /unsupported dialect/);
  assert.equal(compileToolSchema(null).compiled, "no");
  assert.equal(compileToolSchema({ type: "nonsense" }).compiled, "no");
});

test("union types compile strictly", () => {
  const input = compileToolSchema({ type: "object", properties: { id: { type: ["string", "integer"] } } });
  assert.equal(input.compiled, "strict");
  assert.equal(input.validate?.({ id: true }), false);
});
