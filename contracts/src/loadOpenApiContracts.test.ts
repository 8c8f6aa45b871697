import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import type { ExpectMatcherState, MatcherReturnType } from "@playwright/test";
import { loadContracts } from "./loadContracts.ts";
import { loadOpenApiContracts } from "./loadOpenApiContracts.ts";
import { toMatchContract } from "./toMatchContract.ts";

const json = (schema: unknown) => ({ content: { "application/json; charset=utf-8": { schema } } });
const user31 = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid" },
    name: { type: ["string", "null"] },
    plan: { enum: ["free", "team"], "x-internal": true },
  },
  required: ["id", "name"],
  additionalProperties: false,
};

/** A 3.1 document: component refs, a default error, a range, a 204 and a text response. */
function document31(): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: { title: "Users", version: "1" },
    paths: {
      "/users/{id}": {
        get: {
          operationId: "getUser",
          responses: {
            "200": { description: "ok", ...json({ $ref: "#/components/schemas/User" }) },
            "4XX": { $ref: "#/components/responses/Problem" },
            default: { description: "other", ...json({ type: "object", required: ["fatal"] }) },
          },
        },
        delete: { operationId: "deleteUser", responses: { "204": { description: "gone" } } },
      },
      "/users": {
        get: {
          responses: {
            "200": {
              description: "list",
              ...json({ type: "array", items: { $ref: "#/components/schemas/User" } }),
            },
          },
        },
      },
      "/report": {
        get: {
          operationId: "getReport",
          responses: { "200": { description: "csv", content: { "text/csv": {} } } },
        },
      },
    },
    components: {
      schemas: { User: user31, Problem: { type: "object", properties: { error: { type: "string" } } } },
      responses: { Problem: { description: "problem", ...json({ $ref: "#/components/schemas/Problem" }) } },
    },
  };
}

const state = { isNot: false } as ExpectMatcherState;
const match = toMatchContract as (
  this: ExpectMatcherState,
  received: unknown,
  id: string,
  options?: object,
) => MatcherReturnType;
const alice = { id: "7b0c5f4e-1d2a-4c3b-8e9f-0a1b2c3d4e5f", name: "Alice", plan: "team" };

describe("loadOpenApiContracts", () => {
  const api = loadOpenApiContracts(document31());

  test("registers one contract per operation and status with a JSON body", () => {
    assert.deepEqual(api.ids(), [
      "openapi:GET /users#200",
      "openapi:getUser#200",
      "openapi:getUser#4XX",
      "openapi:getUser#default",
    ]);
    assert.equal(api.has("openapi:getUser#200"), true);
    assert.equal(api.has("openapi:deleteUser#204"), false);
  });

  // Catches $refs to components left unresolved, or a schema that lets anything through.
  test("checks a body through toMatchContract, with $refs to components resolved", () => {
    const ok = match.call(state, alice, "openapi:getUser#200", { registry: api });
    assert.equal(ok.pass, true);
    assert.equal(
      match.call(state, [alice, { ...alice, name: null }], "openapi:GET /users#200", { registry: api }).pass,
      true,
    );
    const bad = match.call(state, { ...alice, id: "nope", role: "admin" }, "openapi:getUser#200", {
      registry: api,
    });
    assert.equal(bad.pass, false);
    assert.equal(
      bad.message(),
      [
        'expect(received).toMatchContract("openapi:getUser#200") failed',
        "",
        "Contract: openapi:getUser#200",
        '  /id must match format "uuid"',
        "  / must NOT have additional properties: 'role'",
        'Received: {"id":"nope","name":"Alice","plan":"team","role":"admin"}',
      ].join("\n"),
    );
  });

  // Catches a status looked up literally, where OpenAPI reads 404 as 4XX, and 500 as default.
  test("a status the operation does not list falls back to its range, then to default", () => {
    assert.deepEqual(api.validate("openapi:getUser#404", { error: "gone" }), { valid: true, errors: [] });
    assert.deepEqual(api.validate("openapi:getUser#404", { error: 1 }).errors, ["/error must be string"]);
    assert.deepEqual(api.validate("openapi:getUser#500", {}).errors, [
      "/ must have required property 'fatal'",
    ]);
    assert.equal(api.resolve("openapi:getUser#404"), "openapi:getUser#4XX");
    assert.equal(api.resolve("openapi:getUser#500"), "openapi:getUser#default");
  });

  test("an unknown operation names the known operationIds", () => {
    assert.throws(() => match.call(state, alice, "openapi:getUsr#200", { registry: api }), {
      message:
        '[assay/contracts] No operation "getUsr" in the OpenAPI document. Known operationIds: GET /users, deleteUser, getReport, getUser.',
    });
  });

  test("an unknown status names the operation's statuses", () => {
    const api2 = loadOpenApiContracts({
      openapi: "3.1.0",
      paths: {
        "/a": { get: { operationId: "a", responses: { "200": json({ type: "object" }), "404": {} } } },
      },
    });
    assert.throws(() => api2.validator("openapi:a#201"), {
      message:
        "[assay/contracts] Operation a in the OpenAPI document has no response 201. Its responses: 200, 404.",
    });
  });

  test("a response without a JSON body says so", () => {
    assert.throws(() => api.validator("openapi:deleteUser#204"), {
      message:
        "[assay/contracts] The response 204 of deleteUser (DELETE /users/{id}) in the OpenAPI document has no JSON body schema (no content).",
    });
    assert.throws(() => api.validator("openapi:getReport#200"), {
      message:
        "[assay/contracts] The response 200 of getReport (GET /report) in the OpenAPI document has no JSON body schema (content text/csv).",
    });
  });

  test("an id in another form says how to write one", () => {
    assert.throws(() => api.validator("getUser#200"), {
      message:
        '[assay/contracts] "getUser#200" is not an OpenAPI contract id; write "openapi:<operationId>#<status>", e.g. "openapi:getUser#200".',
    });
  });

  // Catches `nullable` ignored (null refused) or dropped (null accepted where it is not nullable).
  test("OpenAPI 3.0: nullable, boolean exclusive bounds and $ref siblings read as 3.0 means them", () => {
    const api30 = loadOpenApiContracts({
      openapi: "3.0.3",
      paths: {
        "/p": {
          get: {
            operationId: "getPrice",
            responses: {
              "200": json({
                type: "object",
                properties: {
                  amount: { type: "number", minimum: 0, exclusiveMinimum: true },
                  note: { type: "string", nullable: true, example: "x" },
                  currency: { $ref: "#/components/schemas/Currency", description: "ignored" },
                },
                required: ["amount", "note", "currency"],
              }),
            },
          },
        },
      },
      components: { schemas: { Currency: { type: "string", enum: ["EUR", "USD"], nullable: false } } },
    });
    assert.equal(
      api30.validate("openapi:getPrice#200", { amount: 1, note: null, currency: "EUR" }).valid,
      true,
    );
    assert.deepEqual(api30.validate("openapi:getPrice#200", { amount: 0, note: 3, currency: null }).errors, [
      "/amount must be > 0",
      "/note must be string",
      "/note must be null",
      "/note must match a schema in anyOf",
      "/currency must be string",
      '/currency must be equal to one of the allowed values ("EUR", "USD")',
    ]);
  });

  test("a 3.1 document using 3.0's nullable is refused with how 3.1 writes it", () => {
    const doc = document31();
    (doc.components as { schemas: Record<string, unknown> }).schemas.Name = {
      type: "string",
      nullable: true,
    };
    assert.throws(() => loadOpenApiContracts(doc), {
      message:
        '[assay/contracts] components.schemas.Name.nullable is OpenAPI 3.0; a 3.1 document writes type: ["string", "null"] (or anyOf with {"type": "null"}).',
    });
  });

  test("refuses Swagger 2.0, YAML, and a document with no operation", () => {
    assert.throws(() => loadOpenApiContracts({ swagger: "2.0", paths: {} }), {
      message:
        '[assay/contracts] the OpenAPI document is not an OpenAPI 3.0 or 3.1 document (swagger "2.0"); convert a Swagger 2.0 document to OpenAPI 3 first.',
    });
    assert.throws(
      () => loadOpenApiContracts("api.yaml"),
      /YAML is not read; save the OpenAPI document as JSON\.$/,
    );
    assert.throws(
      () => loadOpenApiContracts({ openapi: "3.1.0", paths: {} }),
      /describes no operation under paths\.$/,
    );
  });

  const scratch = mkdtempSync(join(tmpdir(), "assay-openapi-"));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  // Catches contract files embedded with their $id whose relative $refs no longer resolve.
  test("reads a JSON file whose components are contract files with their $id", () => {
    const byId = new Map(loadContracts(join(import.meta.dirname, "..")).map((c) => [c.id, c.schema]));
    const file = join(scratch, "openapi.json");
    writeFileSync(
      file,
      JSON.stringify({
        openapi: "3.1.0",
        jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
        paths: {
          "/me": {
            get: { operationId: "getMe", responses: { "200": json({ $ref: "#/components/schemas/user" }) } },
          },
        },
        components: { schemas: { user: byId.get("http/user.v1"), common: byId.get("defs/common.v1") } },
      }),
    );
    const fromFile = loadOpenApiContracts(file);
    assert.equal(fromFile.dir, file);
    const errors = fromFile.validate("openapi:getMe#200", { id: "x" }).errors;
    assert.ok(errors.includes('/id must match format "uuid"'), errors.join("\n"));
    writeFileSync(file, "{ not json");
    assert.throws(
      () => loadOpenApiContracts(file),
      new RegExp(`^Error: \\[assay/contracts\\] ${file} is not valid JSON: `),
    );
  });
});
