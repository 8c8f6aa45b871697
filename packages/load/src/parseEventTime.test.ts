import assert from "node:assert/strict";
import { test } from "node:test";
import { parseEventTime } from "./parseEventTime.ts";

test("answers what Date.parse answers for the canonical ts, across minutes, days and years", () => {
  const start = Date.parse("2024-02-28T23:58:30.000Z");
  for (let ms = start; ms < start + 3 * 86_400_000; ms += 7_919) {
    const ts = new Date(ms).toISOString();
    assert.equal(parseEventTime(ts), ms, ts);
  }
});

test("answers what Date.parse answers for every digit in every place, valid or not", () => {
  const base = "2026-12-01T19:20:45.123Z";
  const places = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22];
  for (const at of places) {
    for (let d = 0; d <= 9; d += 1) {
      const ts = `${base.slice(0, at)}${d}${base.slice(at + 1)}`;
      // Twice: once parsing the minute, once from the kept one.
      assert.deepEqual([parseEventTime(ts), parseEventTime(ts)], [Date.parse(ts), Date.parse(ts)], ts);
    }
  }
});

test("hands every other shape to Date.parse: leap seconds, hour 24, offsets, lower case, junk", () => {
  const odd = [
    "2026-12-31T23:59:60.000Z",
    "2026-12-31T24:00:00.000Z",
    "2026-12-31T24:00:01.000Z",
    "2026-12-01t10:00:00.000z",
    "2026-12-01T10:00:00.000+01:00",
    "2026-12-01T10:00:00Z",
    "2026-02-30T10:00:00.000Z",
    "2026-13-01T10:00:00.000Z",
    "2026-12-01T10:61:00.000Z",
    "Tue, 01 Dec 2026 10:00:00 GMT",
    "",
    "not a time",
  ];
  for (const ts of odd) assert.deepEqual(parseEventTime(ts), Date.parse(ts), ts);
  for (const ts of [undefined, 42_000, null])
    assert.deepEqual(parseEventTime(ts), Date.parse(String(ts)), String(ts));
});
