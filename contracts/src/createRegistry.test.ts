import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { Ajv2020 } from "ajv/dist/2020.js";
import { createRegistry } from "./createRegistry.ts";
import { invalidSamples, validSamples } from "./samples/contractSamples.ts";

const dir = join(import.meta.dirname, "..");
const registry = createRegistry({ dir });
const schemaFiles = ["http", "ws", "logs"].flatMap((kind) =>
  readdirSync(join(dir, kind)).map((name) => `${kind}/${name.replace(/\.json$/, "")}`),
);

describe("createRegistry", () => {
  test("loads every http/, ws/ and logs/ schema and leaves defs/ out of the ids", () => {
    assert.deepEqual(registry.ids(), [...schemaFiles].sort());
    assert.equal(registry.ids().length, 42);
    assert.equal(registry.has("defs/common.v1"), false);
    assert.equal(registry.has("http/health.v1"), true);
  });

  test("compiles each schema exactly once, at creation", (t) => {
    const compile = t.mock.method(Ajv2020.prototype, "compile");
    const fresh = createRegistry({ dir });
    assert.equal(compile.mock.callCount(), 43, "42 contracts + defs/common.v1");
    const first = fresh.validator("ws/agent-started.v1");
    for (let i = 0; i < 100; i++) fresh.validate("ws/agent-started.v1", validSamples["ws/agent-started.v1"]);
    assert.equal(compile.mock.callCount(), 43);
    assert.equal(fresh.validator("ws/agent-started.v1"), first);
  });

  test("every contract accepts its valid sample", () => {
    assert.deepEqual(Object.keys(validSamples).sort(), registry.ids());
    for (const [id, value] of Object.entries(validSamples)) {
      assert.deepEqual(registry.validate(id, value), { valid: true, errors: [] }, id);
    }
  });

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
          'http/memory.v1, http/run.v1, … (42 in all). An id is the schema\'s path under contracts/ without ".json", e.g. "http/health.v1".',
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
