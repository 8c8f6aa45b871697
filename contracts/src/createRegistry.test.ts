import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { Ajv as AjvDraft07 } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { createRegistry, eventContractId } from "./createRegistry.ts";
import { invalidSamples, validSamples } from "./samples/contractSamples.ts";

const dir = join(import.meta.dirname, "..");
const registry = createRegistry({ dir });
const schemaFiles = ["http", "ws", "mcp", "logs"].flatMap((kind) =>
  readdirSync(join(dir, kind), { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".json") && !name.endsWith("schema.json"))
    .map((name) => `${kind}/${name.replace(/\.json$/, "")}`),
);
const revisions = ["2025-06-18", "2025-11-25", "2026-07-28"];
const addFormats = addFormatsModule.default;

describe("createRegistry", () => {
  test("loads every http/, ws/, mcp/ and logs/ contract and leaves defs/ and the official MCP schemas out of the ids", () => {
    assert.deepEqual(registry.ids(), [...schemaFiles].sort());
    assert.equal(registry.ids().length, 75);
    assert.equal(registry.ids().filter((id) => id.startsWith("mcp/")).length, 33);
    assert.equal(registry.has("defs/common.v1"), false);
    assert.equal(registry.has("mcp/2025-11-25/schema"), false);
    assert.equal(registry.has("http/health.v1"), true);
    assert.equal(registry.has("mcp/2026-07-28/DiscoverResultResponse"), true);
  });

  // Catches a registry that compiles on every validate: the hot path of every event of every run.
  test("compiles each schema exactly once, at creation, with the Ajv class of its $schema", (t) => {
    const compile2020 = t.mock.method(Ajv2020.prototype, "compile");
    const compile07 = t.mock.method(AjvDraft07.prototype, "compile");
    const fresh = createRegistry({ dir });
    // 2020-12: 42 Assay contracts + defs/common.v1 + 2 official schemas + 22 messages of them;
    // draft-07: the official 2025-06-18 schema + its 11 messages.
    assert.equal(compile2020.mock.callCount(), 67);
    assert.equal(compile07.mock.callCount(), 12);
    const first = fresh.validator("ws/agent-started.v1");
    for (let i = 0; i < 100; i++) fresh.validate("ws/agent-started.v1", validSamples["ws/agent-started.v1"]);
    for (let i = 0; i < 100; i++)
      fresh.validate("mcp/2025-06-18/InitializeResult", validSamples["mcp/2025-06-18/InitializeResult"]);
    assert.equal(compile2020.mock.callCount(), 67);
    assert.equal(compile07.mock.callCount(), 12);
    assert.equal(fresh.validator("ws/agent-started.v1"), first);
  });

  test("every definition of the official MCP schemas compiles in strict mode", () => {
    for (const revision of revisions) {
      const path = join(dir, "mcp", revision, "schema.json");
      const bundle = JSON.parse(readFileSync(path, "utf8"));
      // Verbatim copies: no $id of their own, the dialect they were published in.
      assert.equal(bundle.$id, undefined, revision);
      const draft07 = bundle.$schema === "http://json-schema.org/draft-07/schema#";
      assert.equal(draft07, revision === "2025-06-18", revision);
      const options = { strict: true, allErrors: true, allowUnionTypes: true } as const;
      const ajv = draft07 ? new AjvDraft07(options) : new Ajv2020(options);
      addFormats(ajv);
      ajv.addSchema({ ...bundle, $id: `https://assay.dev/contracts/mcp/${revision}/schema.json` });
      const defs = draft07 ? "definitions" : "$defs";
      for (const name of Object.keys(bundle[defs])) {
        assert.equal(
          typeof ajv.getSchema(`https://assay.dev/contracts/mcp/${revision}/schema.json#/${defs}/${name}`),
          "function",
          `${revision} ${name}`,
        );
      }
    }
  });

  // Catches a schema too strict for what the service promises (a valid body refused).
  test("every contract accepts its valid sample", () => {
    assert.deepEqual(Object.keys(validSamples).sort(), registry.ids());
    for (const [id, value] of Object.entries(validSamples)) {
      assert.deepEqual(registry.validate(id, value), { valid: true, errors: [] }, id);
    }
  });

  // Catches a schema that lets a broken body through, or error lines nobody can act on.
  test("every contract rejects its invalid sample with the exact error lines", () => {
    assert.deepEqual([...new Set(invalidSamples.map((s) => s.id))].sort(), registry.ids());
    for (const { id, value, errors } of invalidSamples) {
      assert.deepEqual(registry.validate(id, value), { valid: false, errors }, id);
    }
  });

  test("throws for an unknown id and lists the closest ones", () => {
    assert.throws(
      () => registry.validate("http/helth.v1", {}),
      new Error(
        '[assay/contracts] Unknown contract "http/helth.v1". Known: http/health.v1, http/error.v1, http/jwks.v1, ' +
          'http/memory.v1, http/run.v1, … (75 in all). An id is the schema\'s path under contracts/ without ".json", e.g. "http/health.v1".',
      ),
    );
    assert.throws(() => registry.validator("defs/common.v1"), /Unknown contract "defs\/common\.v1"/);
  });

  test("eventContractId maps frame types to ws ids", () => {
    assert.equal(registry.eventContractId("agent_started"), "ws/agent-started.v1");
    assert.equal(registry.eventContractId("pong"), "ws/pong.v1");
  });
});

describe("createRegistry on a broken contracts dir", () => {
  const root = mkdtempSync(join(tmpdir(), "assay-contracts-"));
  after(() => rmSync(root, { recursive: true, force: true }));

  function contractsDir(name: string, file: string, schema: object): string {
    const base = join(root, name);
    mkdirSync(join(base, "http"), { recursive: true });
    writeFileSync(join(base, "http", file), JSON.stringify(schema));
    return base;
  }

  test("strict mode rejects a typo'd keyword", () => {
    const base = contractsDir("typo", "thing.v1.json", {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "https://assay.dev/contracts/http/thing.v1.json",
      type: "string",
      maxLenght: 3,
    });
    assert.throws(
      () => createRegistry({ dir: base }),
      new Error(
        `[assay/contracts] ${join(base, "http", "thing.v1.json")} does not compile: strict mode: unknown keyword: "maxLenght". Fix the schema; strict mode stays on so typos cannot hide.`,
      ),
    );
  });

  test("strict mode stays on for draft-07 schemas too", () => {
    const base = contractsDir("typo-07", "thing.v1.json", {
      $schema: "http://json-schema.org/draft-07/schema#",
      $id: "https://assay.dev/contracts/http/thing.v1.json",
      type: "string",
      maxLenght: 3,
    });
    assert.throws(
      () => createRegistry({ dir: base }),
      /does not compile: strict mode: unknown keyword: "maxLenght"/,
    );
  });

  test("refuses a dialect it does not compile, naming the ones it does", () => {
    const base = contractsDir("draft-04", "old.v1.json", {
      $schema: "http://json-schema.org/draft-04/schema#",
      $id: "https://assay.dev/contracts/http/old.v1.json",
      type: "string",
    });
    assert.throws(
      () => createRegistry({ dir: base }),
      new Error(
        `[assay/contracts] ${join(base, "http", "old.v1.json")} declares $schema "http://json-schema.org/draft-04/schema#"; Assay compiles draft 2020-12 ("https://json-schema.org/draft/2020-12/schema") and draft-07 ("http://json-schema.org/draft-07/schema#").`,
      ),
    );
  });

  test("rejects a schema whose $id does not match its path", () => {
    const base = contractsDir("stale-id", "copy.v1.json", {
      $id: "https://assay.dev/contracts/http/original.v1.json",
      type: "string",
    });
    assert.throws(
      () => createRegistry({ dir: base }),
      new Error(
        `[assay/contracts] ${join(base, "http", "copy.v1.json")} has $id "https://assay.dev/contracts/http/original.v1.json"; set it to a URL ending in "/http/copy.v1.json" so ids and $refs agree.`,
      ),
    );
  });
});

test("eventContractId turns snake_case frame types into ws contract ids", () => {
  assert.equal(eventContractId("agent_started"), "ws/agent-started.v1");
  assert.equal(eventContractId("tool_completed"), "ws/tool-completed.v1");
  assert.equal(eventContractId("error"), "ws/error.v1");
});

test("eventContractId refuses what is not a frame type", () => {
  assert.throws(
    () => eventContractId(""),
    /\[assay\/contracts\] eventContractId needs a frame type .*got an empty string/,
  );
  assert.throws(() => eventContractId(7 as unknown as string), /got number/);
});
