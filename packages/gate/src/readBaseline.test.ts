import assert from "node:assert/strict";
import { test } from "node:test";
import { parseBaseline } from "./readBaseline.ts";

const entry = { test: "api › a.spec.ts › b", owner: "core", reason: "#12", expires: "2026-12-31" };

test("a valid baseline, $schema included, parses (the schema must not refuse good files)", () => {
  assert.deepEqual(parseBaseline({ entries: [entry] }, "b.json"), [entry]);
  assert.deepEqual(parseBaseline({ entries: [], $schema: "./schema.json" }, "b.json"), []);
});

test("an entry without an owner, a bad date, a typo'd field or a duplicate is refused naming the path and the rule", () => {
  const cases: [unknown, RegExp][] = [
    [
      { entries: [entry, { ...entry, test: "x", owner: " " }] },
      /b\.json: entries\[1\]\.owner must match pattern "\\S" \(pattern\), got " "/,
    ],
    [
      { entries: [{ ...entry, expires: "31/12/2026" }] },
      /entries\[0\]\.expires must match format "date" \(format\), got "31\/12\/2026"/,
    ],
    [{ entries: [{ ...entry, expires: "2026-02-29" }] }, /entries\[0\]\.expires must match format "date"/],
    [
      { entries: [{ ...entry, ticket: 1 }] },
      /entries\[0\]\.ticket is not a known key \(additionalProperties; allowed: test, owner, reason, expires\)/,
    ],
    [
      { entries: [{ test: "x", reason: "r", expires: "2026-01-01" }] },
      /entries\[0\]\.owner is missing \(required\)/,
    ],
    [
      { entries: [entry, entry] },
      /entries\[1\]\.test is listed twice \(also entries\[0\]: "api › a\.spec\.ts › b"\) \(unique\)/,
    ],
    [{ entries: {} }, /entries must be array \(type\), got \{\}/],
    [{ entries: [], extra: 1 }, /extra is not a known key/],
    [{ entries: ["x"] }, /entries\[0\] must be object \(type\), got "x"/],
    [[], /\(root\) must be object \(type\), got \[\]/],
  ];
  for (const [value, message] of cases)
    assert.throws(
      () => parseBaseline(value, "b.json"),
      (error: Error) =>
        /^\[assay\/gate\] baseline b\.json: /.test(error.message) &&
        message.test(error.message) &&
        !error.message.includes("\n"),
      JSON.stringify(value),
    );
  assert.deepEqual(
    parseBaseline({ entries: [{ ...entry, expires: "2028-02-29" }] }, "b.json")[0]?.expires,
    "2028-02-29",
  );
});
