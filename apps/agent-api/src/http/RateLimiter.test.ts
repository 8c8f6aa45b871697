import assert from "node:assert/strict";
import { test } from "node:test";
import { RateLimiter } from "./RateLimiter.ts";

test("the 101st request within the window is refused, the 100th is not", () => {
  let now = 0;
  const limiter = new RateLimiter(100, 60_000, () => now);
  for (let i = 1; i <= 100; i++) {
    now = i * 10;
    assert.equal(limiter.take("alice").allowed, true, `request ${i}`);
  }
  now = 59_000;
  const refused = limiter.take("alice");
  assert.deepEqual(refused, { allowed: false, retryAfterSeconds: 2 });
  assert.equal(limiter.take("bob").allowed, true, "another key has its own window");
  limiter.stop();
});

test("the window slides: a request is allowed again once the oldest leaves it", () => {
  let now = 0;
  const limiter = new RateLimiter(2, 1000, () => now);
  assert.equal(limiter.take("k").allowed, true);
  now = 500;
  assert.equal(limiter.take("k").allowed, true);
  now = 999;
  assert.equal(limiter.take("k").allowed, false);
  now = 1001;
  assert.equal(limiter.take("k").allowed, true, "the request at 0 left the window");
  now = 1200;
  assert.equal(limiter.take("k").allowed, false, "refused requests did not count, the one at 500 still does");
  limiter.stop();
});
