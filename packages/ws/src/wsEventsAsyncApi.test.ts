import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { loadContracts } from "@assay/contracts";
import { Ajv as AjvDraft07 } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { buildRun } from "./buildRun.ts";
import { WS_SCHEMA_FORMAT, wsEventsAsyncApi } from "./wsEventsAsyncApi.ts";

const require = createRequire(import.meta.url);
// The official AsyncAPI 3.0.0 JSON Schema (draft-07), as @asyncapi/specs publishes it.
const official = JSON.parse(
  readFileSync(require.resolve("@asyncapi/specs/schemas/3.0.0.json"), "utf8"),
) as Record<string, unknown>;
const addFormats = addFormatsModule.default;
const contractsDir = join(import.meta.dirname, "..", "..", "..", "contracts");

type Doc = {
  channels: { session: { messages: Record<string, { $ref: string }> } };
  operations: Record<string, { messages: { $ref: string }[]; reply?: { messages: { $ref: string }[] } }>;
  components: {
    schemas: Record<string, { schemaFormat: string; schema: { $id?: string } }>;
    messages: Record<string, { payload: { $ref?: string; schemaFormat?: string; schema?: unknown } }>;
  };
};

let check: ((document: unknown) => boolean) & {
  errors?: { instancePath: string; message?: string }[] | null;
};
function validate(document: unknown): string[] {
  check ??= compileOfficial();
  return check(document) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

function compileOfficial() {
  // The official schema is draft-07 and carries its own copy of the draft-07 meta-schema, which
  // would clash with Ajv's (meta: false, so the copy is the one used). Strict mode would judge the
  // official schema (its `$id`-keyed definitions, `if` without `then`), not the document.
  const ajv = new AjvDraft07({ strict: false, meta: false, validateSchema: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(official);
}

/** The `ws/` contracts the document does not carry as the payload of a message some operation uses. */
function forgotten(document: Doc, dir: string): string[] {
  const used = new Set(
    Object.values(document.operations).flatMap((operation) =>
      [...operation.messages, ...(operation.reply?.messages ?? [])].map((ref) => ref.$ref.split("/").pop()),
    ),
  );
  const onChannel = new Set(Object.keys(document.channels.session.messages));
  const carried = new Set<string>();
  for (const [type, message] of Object.entries(document.components.messages)) {
    const ref = message.payload.$ref?.replace("#/components/schemas/", "");
    const schema = ref === undefined ? undefined : document.components.schemas[ref]?.schema;
    if (schema?.$id !== undefined && onChannel.has(type) && used.has(type)) carried.add(schema.$id);
  }
  return loadContracts(dir)
    .filter((contract) => contract.id.startsWith("ws/") && !carried.has(contract.schema.$id))
    .map((contract) => contract.id);
}

describe("wsEventsAsyncApi", () => {
  const document = wsEventsAsyncApi();

  // Fails when the document stops being valid AsyncAPI 3.0 (official schema, @asyncapi/specs).
  test("is valid AsyncAPI 3.0", () => {
    assert.deepEqual(validate(document), []);
  });

  // Fails when the validation above could not fail: a broken document is refused.
  test("the official schema refuses a broken document", () => {
    const operations = { ...(document.operations as object), broken: { action: "listen" } };
    assert.ok(validate({ ...document, operations }).length > 0);
    assert.ok(validate({ ...document, asyncapi: "2.6.0" }).length > 0);
  });

  // Fails when a ws/ contract is added and the document does not describe it.
  test("carries every ws/ contract as a message some operation uses", () => {
    assert.deepEqual(forgotten(document as Doc, contractsDir), []);
  });

  const scratch = mkdtempSync(join(tmpdir(), "assay-asyncapi-"));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  // Fails when the check above could not fail: a new event file that nothing describes is named.
  test("a new ws/ contract the document leaves out is named", () => {
    cpSync(contractsDir, scratch, { recursive: true, filter: (src) => !src.includes("node_modules") });
    const id = "https://assay.dev/contracts/ws/agent-paused.v1.json";
    writeFileSync(join(scratch, "ws", "agent-paused.v1.json"), JSON.stringify({ $id: id, type: "object" }));
    assert.deepEqual(forgotten(wsEventsAsyncApi(scratch) as Doc, scratch), ["ws/agent-paused.v1"]);
  });

  // Fails when the payloads are copies, or declared in a dialect they are not written in.
  test("payloads are the contract files, with their $id, declared as JSON Schema 2020-12", () => {
    const { schemas } = (document as Doc).components;
    const file = JSON.parse(readFileSync(join(contractsDir, "ws", "tool-completed.v1.json"), "utf8"));
    assert.deepEqual(schemas["ws.tool-completed.v1"], { schemaFormat: WS_SCHEMA_FORMAT, schema: file });
    assert.equal(file.$schema, "https://json-schema.org/draft/2020-12/schema");
    for (const entry of Object.values(schemas)) assert.equal(entry.schemaFormat, WS_SCHEMA_FORMAT);
  });

  // Fails when a payload's $refs do not resolve inside the document, or its schema lets a bad frame through.
  test("the payload schemas, compiled from the document alone, check real frames", () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    const { schemas, messages } = (document as Doc).components;
    for (const entry of Object.values(schemas)) ajv.addSchema(entry.schema as object);
    const payload = (type: string) => {
      const ref = messages[type]?.payload.$ref?.replace("#/components/schemas/", "") ?? "";
      const schema = schemas[ref]?.schema ?? (messages[type]?.payload.schema as object);
      return ajv.compile(schema);
    };
    for (const event of buildRun(["thinking", "tool:echo", "error"])) {
      assert.equal(payload(String(event.type))(event), true, String(event.type));
    }
    const bad = { ...buildRun(["completed"])[1], seq: 0 };
    assert.equal(payload("agent_completed")(bad), false);
    assert.equal(payload("ping")({ type: "ping", id: "1" }), true);
    assert.equal(payload("replay")({ type: "replay", run_id: "r", after_seq: -1 }), false);
  });
});
