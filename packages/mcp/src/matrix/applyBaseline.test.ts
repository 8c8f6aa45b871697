import assert from "node:assert/strict";
import { test } from "node:test";
import { applyBaseline } from "./applyBaseline.ts";
import type { MatrixCase } from "./ToolMatrix.ts";

const failing = (tool: string, name: string): MatrixCase => ({
  tool,
  case: name,
  kind: "valid",
  status: "fail",
  outcome: "isError",
  reason: "valid arguments answered isError: boom",
  ms: 3,
});
const entry = (tool: string, name: string, extra = {}) => ({
  tool,
  case: name,
  owner: "core",
  reason: "#12",
  expires: "2030-01-01",
  ...extra,
});
const now = new Date("2029-06-01T00:00:00Z");

test("a listed failure becomes an expected failure carrying its owner", () => {
  const { cases, stale } = applyBaseline([failing("a", "valid")], [entry("a", "valid")], "session", now);
  assert.equal(cases[0]?.status, "expected_failure");
  assert.deepEqual(cases[0]?.baseline, { owner: "core", reason: "#12", expires: "2030-01-01" });
  assert.deepEqual(stale, []);
});

test("entries whose case passed, is gone, or expired are stale; an expired one excuses nothing", () => {
  const passed: MatrixCase = { ...failing("b", "valid"), status: "pass", reason: "" };
  const { cases, stale } = applyBaseline(
    [failing("a", "valid"), passed],
    [entry("a", "valid", { expires: "2029-05-31" }), entry("b", "valid"), entry("c", "schema")],
    "session",
    now,
  );
  assert.equal(cases[0]?.status, "fail");
  assert.deepEqual(
    stale.map((s) => `${s.tool} ${s.why}`),
    ["a expired", "b passed", "c not in matrix"],
  );
});

test("an entry for one era leaves the other era's matrix alone", () => {
  const { cases, stale } = applyBaseline(
    [failing("a", "valid")],
    [entry("a", "valid", { era: "stateless" })],
    "session",
    now,
  );
  assert.equal(cases[0]?.status, "fail");
  assert.deepEqual(stale, []);
});
