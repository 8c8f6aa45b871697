import assert from "node:assert/strict";
import { test } from "node:test";
import { isIsoDate, parseBaseline } from "./readBaseline.ts";

const entry = { test: "api › a.spec.ts › b", owner: "core", reason: "#12", expires: "2026-12-31" };

test("a valid baseline parses", () => {
  assert.deepEqual(parseBaseline({ entries: [entry] }, "b.json"), [entry]);
  assert.deepEqual(parseBaseline({ entries: [] }, "b.json"), []);
});

test("errors name the entry and the field", () => {
  assert.throws(
    () => parseBaseline({ entries: [entry, { ...entry, test: "x", owner: "" }] }, "b.json"),
    /b\.json: entries\[1\] \("x"\)\.owner must be a non-empty string/,
  );
  assert.throws(
    () => parseBaseline({ entries: [{ ...entry, expires: "31/12/2026" }] }, "b.json"),
    /entries\[0\] \("api › a\.spec\.ts › b"\)\.expires must be a date YYYY-MM-DD, got "31\/12\/2026"/,
  );
  assert.throws(
    () => parseBaseline({ entries: [{ ...entry, ticket: 1 }] }, "b.json"),
    /\.ticket is not a known field/,
  );
  assert.throws(
    () => parseBaseline({ entries: [entry, entry] }, "b.json"),
    /entries\[1\] .*\.test is listed twice/,
  );
  assert.throws(() => parseBaseline({ entries: {} }, "b.json"), /"entries" must be an array/);
  assert.throws(() => parseBaseline({ entries: [], extra: 1 }, "b.json"), /"extra" is not a known key/);
  assert.throws(() => parseBaseline({ entries: ["x"] }, "b.json"), /entries\[0\] must be an object/);
});

test("isIsoDate accepts only real calendar dates", () => {
  assert.equal(isIsoDate("2028-02-29"), true);
  assert.equal(isIsoDate("2026-02-29"), false);
  assert.equal(isIsoDate("2026-1-01"), false);
});
