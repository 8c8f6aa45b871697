/** A rate limiter's answer: go on, or wait `retryAfterSeconds`. */
export type RateVerdict =
  | { allowed: true; remaining: number }
  | { allowed: false; retryAfterSeconds: number };

/**
 * At most `limit` requests per key in any window of `windowMs` (a sliding log: the timestamps
 * of the last `limit` accepted requests), so request `limit + 1` within the window is refused
 * however the requests are spread. Refused requests do not count.
 * @example const limiter = new RateLimiter(100, 60_000); limiter.take(user.id).allowed
 */
export class RateLimiter {
  #limit: number;
  #windowMs: number;
  #now: () => number;
  #log = new Map<string, number[]>();
  #sweeper: NodeJS.Timeout;

  constructor(limit: number, windowMs: number, now: () => number = () => performance.now()) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#now = now;
    // Keys idle for a whole window are forgotten, so the map holds only recent callers.
    this.#sweeper = setInterval(() => this.#sweep(), windowMs);
    this.#sweeper.unref();
  }

  /** Counts one request for `key`, or refuses it. */
  take(key: string): RateVerdict {
    const now = this.#now();
    const since = now - this.#windowMs;
    const stamps = (this.#log.get(key) ?? []).filter((stamp) => stamp > since);
    if (stamps.length >= this.#limit) {
      this.#log.set(key, stamps);
      const oldest = stamps[0] ?? now;
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.#windowMs - now) / 1000)),
      };
    }
    stamps.push(now);
    this.#log.set(key, stamps);
    return { allowed: true, remaining: this.#limit - stamps.length };
  }

  stop(): void {
    clearInterval(this.#sweeper);
  }

  #sweep(): void {
    const since = this.#now() - this.#windowMs;
    for (const [key, stamps] of this.#log) if ((stamps.at(-1) ?? 0) <= since) this.#log.delete(key);
  }
}
