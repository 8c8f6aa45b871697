import assert from "node:assert/strict";
import { test } from "node:test";
import { checkRateLimit, type RateLimitReport } from "./checkRateLimit.ts";

const ok = (statuses: number[]): RateLimitReport => ({
  statuses,
  retryAfter: "42",
  otherStatus: 200,
  elapsedMs: 2000,
});

test("100 pass, the 101st is refused with Retry-After, another user is untouched", () => {
  assert.deepEqual(checkRateLimit(ok([...Array(100).fill(200), 429]), 100), []);
});

test("names a limit too low, too high, without Retry-After, or shared between users", () => {
  assert.deepEqual(checkRateLimit(ok([...Array(99).fill(200), 429, 429]), 100), [
    "request 100 of 100 was refused (429): the limit is below 100",
  ]);
  assert.deepEqual(checkRateLimit(ok(Array(101).fill(200)), 100), [
    "request 101 within a minute answered HTTP 200, expected 429",
  ]);
  assert.deepEqual(checkRateLimit({ ...ok([...Array(100).fill(200), 429]), retryAfter: null }, 100), [
    "the 429 has no Retry-After in seconds (got null)",
  ]);
  assert.deepEqual(checkRateLimit({ ...ok([...Array(100).fill(200), 429]), otherStatus: 429 }, 100), [
    "another user's first request was refused (429) after the first user used up the limit: the limit is not per user",
  ]);
});
