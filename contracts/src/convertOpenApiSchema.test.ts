import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { convertOpenApiSchema, OPENAPI_COMPONENTS_ID } from "./convertOpenApiSchema.ts";

describe("convertOpenApiSchema", () => {
  // Catches a walk that rewrites values: an example or an enum value is data, not a schema.
  test("rewrites component refs and drops x- keys in schemas, never inside values", () => {
    const example = { nullable: true, $ref: "#/components/schemas/Kept", "x-kept": 1 };
    assert.deepEqual(
      convertOpenApiSchema(
        {
          type: "object",
          "x-owner": "team",
          example,
          properties: {
            pet: { $ref: "#/components/schemas/Pet" },
            tags: { type: "array", items: { enum: [example] } },
          },
        },
        "3.1",
        "s",
      ),
      {
        type: "object",
        example,
        properties: {
          pet: { $ref: `${OPENAPI_COMPONENTS_ID}#/$defs/Pet` },
          tags: { type: "array", items: { enum: [example] } },
        },
      },
    );
  });

  test("OpenAPI 3.0: nullable wraps the schema, keeping its title and description outside", () => {
    assert.deepEqual(
      convertOpenApiSchema({ description: "d", type: "string", enum: ["a"], nullable: true }, "3.0", "s"),
      {
        description: "d",
        anyOf: [{ type: "string", enum: ["a"] }, { type: "null" }],
      },
    );
    assert.deepEqual(
      convertOpenApiSchema({ type: "integer", maximum: 5, exclusiveMaximum: false }, "3.0", "s"),
      {
        type: "integer",
        maximum: 5,
      },
    );
  });

  test("refuses refs out of components.schemas and 3.0 forms in 3.1, naming where", () => {
    assert.throws(() => convertOpenApiSchema({ $ref: "#/components/parameters/Id" }, "3.1", "paths./a.get"), {
      message:
        '[assay/contracts] paths./a.get.$ref "#/components/parameters/Id" points outside components.schemas; a response schema may only $ref schemas.',
    });
    assert.throws(() => convertOpenApiSchema({ minimum: 0, exclusiveMinimum: true }, "3.1", "s"), {
      message:
        "[assay/contracts] s.exclusiveMinimum is a boolean, as in OpenAPI 3.0; a 3.1 document writes the bound itself: exclusiveMinimum: 0.",
    });
    assert.throws(() => convertOpenApiSchema({ exclusiveMinimum: true }, "3.0", "s"), {
      message: "[assay/contracts] s: exclusiveMinimum: true needs a numeric minimum beside it.",
    });
  });
});
