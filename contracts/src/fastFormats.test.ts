import assert from "node:assert/strict";
import { test } from "node:test";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { contracts } from "./contracts.ts";
import { fastFormats } from "./fastFormats.ts";

const fast = (name: string) => fastFormats[name]?.validate as (value: string) => boolean;
const original = (name: string): ((value: string) => boolean) => {
  const format = fullFormats[name as keyof typeof fullFormats] as
    | RegExp
    | { validate: (value: string) => boolean };
  return format instanceof RegExp ? (value) => format.test(value) : (value) => format.validate(value);
};

/** Every string one character away from `base`, for each of `alphabet`. */
function mutations(base: string, alphabet: string): string[] {
  const out = [base, base.toLowerCase(), base.toUpperCase(), "", `${base}x`, base.slice(1)];
  for (let i = 0; i < base.length; i += 1)
    for (const c of alphabet) out.push(`${base.slice(0, i)}${c}${base.slice(i + 1)}`);
  return out;
}

/** Each case gets ajv-formats' answer from the fast format; more than 50 cases must be invalid. */
function assertSameAnswers(format: "date-time" | "uuid", cases: readonly string[]): void {
  let invalid = 0;
  for (const value of cases) {
    const expected = original(format)(value);
    if (!expected) invalid += 1;
    assert.equal(fast(format)(value), expected, JSON.stringify(value));
  }
  assert.ok(invalid > 50, "the cases include invalid ones");
}

test("date-time: the same answer as ajv-formats for every one-character change of a ts, and for edge dates", () => {
  const cases = [
    ...mutations("2026-12-01T19:20:45.123Z", "0123456789-:.TtZz +x\u00a0"),
    ...mutations("2024-02-29T23:59:60.999Z", "0123456789tZ"),
    "2025-02-29T10:00:00.000Z",
    "2000-02-29T10:00:00.000Z",
    "1900-02-29T10:00:00.000Z",
    "2026-04-31T10:00:00.000Z",
    "2026-12-31T23:59:60.000Z",
    "2026-12-31T22:59:60.000Z",
    "2026-12-31T24:00:00.000Z",
    "2026-12-01T10:00:00.000+01:00",
    "2026-12-01T10:00:00Z",
    "2026-12-01 10:00:00.000Z",
  ];
  assertSameAnswers("date-time", cases);
});

test("uuid: the same answer as ajv-formats for every one-character change, upper case and urn form", () => {
  const base = "0f8fad5b-d9cb-469f-a165-70867728950e";
  const cases = [
    ...mutations(base, "0123456789abcdefABCDEFgG-_ \u0430"),
    `urn:uuid:${base}`,
    `URN:UUID:${base.toUpperCase()}`,
    `${base}\n`,
  ];
  assertSameAnswers("uuid", cases);
});

test("the registry uses them: a frame with a 30 February ts or a short run id fails its contract", () => {
  const frame = {
    type: "agent_thinking",
    run_id: "0f8fad5b-d9cb-469f-a165-70867728950e",
    conversation_id: "0f8fad5b-d9cb-469f-a165-70867728950f",
    seq: 2,
    ts: "2026-12-01T19:20:45.123Z",
    step: 1,
  };
  assert.deepEqual(contracts.validate("ws/agent-thinking.v1", frame).errors, []);
  assert.deepEqual(
    contracts.validate("ws/agent-thinking.v1", { ...frame, ts: "2026-02-30T19:20:45.123Z" }).errors,
    ['/ts must match format "date-time"'],
  );
  assert.deepEqual(
    contracts.validate("ws/agent-thinking.v1", { ...frame, run_id: frame.run_id.slice(1) }).errors,
    ['/run_id must match format "uuid"'],
  );
});
