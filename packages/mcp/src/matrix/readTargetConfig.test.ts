import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { parseTargetConfig, readTargetConfig, toolConfig } from "./readTargetConfig.ts";

const entry = { tool: "t", case: "valid", owner: "core", reason: "#1", expires: "2030-01-01" };

test("a full config parses, with defaults for what is absent", () => {
  const config = parseTargetConfig(
    {
      name: "mine",
      seed: 3,
      tools: { rename: { args: { name: "x" }, args_from: { id: "create#/id" }, after: ["list"] } },
      token_budgets: { "tools/list": 4000, tools: { health: 20 } },
      expected_failures: [entry],
    },
    "mine.json",
  );
  assert.equal(config.name, "mine");
  assert.deepEqual(parseTargetConfig({}, "empty.json").tools, {});
});

test("each schema breach is one line naming the file, the path and the rule", () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ seed: "x" }, /config c\.json: \/seed must be integer \(rule: type\)/],
    [
      { tools: { a: { args_from: { id: "no-hash" } } } },
      /\/tools\/a\/args_from\/id must match pattern .* \(rule: pattern\)/,
    ],
    [
      { tools: { a: { skpi: "x" } } },
      /\/tools\/a must NOT have additional properties 'skpi' \(rule: additionalProperties\)/,
    ],
    [
      { expected_failures: [{ ...entry, owner: undefined }] },
      /\/expected_failures\/0 must have required property 'owner'/,
    ],
    [{ expected_failures: [{ ...entry, case: "bogus" }] }, /\/expected_failures\/0\/case must match pattern/],
    [[], /config c\.json: \/ must be object \(rule: type\)/],
  ];
  for (const [value, message] of cases) {
    assert.throws(
      () => parseTargetConfig(value, "c.json"),
      (error: Error) => {
        assert.match(error.message, /^\[assay\/mcp\] /);
        assert.match(error.message, message);
        assert.doesNotMatch(error.message, /\n/);
        return true;
      },
    );
  }
});

test("dates must be real and a case may be listed once", () => {
  assert.throws(
    () => parseTargetConfig({ expected_failures: [{ ...entry, expires: "2026-02-30" }] }, "c.json"),
    /\/expected_failures\/0\/expires "2026-02-30" is not a real date/,
  );
  assert.throws(
    () => parseTargetConfig({ expected_failures: [entry, entry] }, "c.json"),
    /\/expected_failures\/1 lists t › valid twice/,
  );
});

test("a missing or broken file is one line naming the file", () => {
  const dir = mkdtempSync(join(tmpdir(), "assay-mcp-config-"));
  assert.throws(
    () => readTargetConfig(join(dir, "none.json")),
    /config .*none\.json not found; pass --config/,
  );
  writeFileSync(join(dir, "bad.json"), "{");
  assert.throws(() => readTargetConfig(join(dir, "bad.json")), /bad\.json is not valid JSON/);
});

test("era settings are laid over the common ones", () => {
  const config = parseTargetConfig(
    {
      tools: { cur: { args: { a: 1 }, args_from: { x: "s#/x" } } },
      eras: { stateless: { tools: { cur: { args_from: { handle: "sw#/project_handle" } } } } },
    },
    "c.json",
  );
  assert.deepEqual(toolConfig(config, "stateless", "cur"), {
    args: { a: 1 },
    args_from: { x: "s#/x", handle: "sw#/project_handle" },
  });
  assert.deepEqual(toolConfig(config, "session", "cur").args_from, { x: "s#/x" });
  assert.deepEqual(toolConfig(config, "session", "other"), { args: {}, args_from: {} });
});
