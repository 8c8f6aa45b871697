import { UpstreamError } from "./callUpstream.ts";

/** The breaker's states: calls go through (closed), fail fast (open), or one probe is let through (half_open). */
export type BreakerState = "closed" | "open" | "half_open";

export type BreakerOptions = {
  /** Consecutive failures that open it. */
  failureThreshold: number;
  /** How long it stays open before letting one probe through. */
  openMs: number;
  /** Told of every state change (log line, metric). */
  onTransition: (from: BreakerState, to: BreakerState, failures: number) => void;
  /**
   * The `breaker_lost_updates` fault: a failure is counted from a stale copy of the count, read at
   * the first failure of a burst and kept for `LOSSY_READ_MS`, so failures close together
   * overwrite each other's count (the bug of a counter read from a cache and written back). The
   * copy does not depend on how the calls interleave, so the fault shows on a fast or a slow
   * machine alike.
   */
  lossyCounter: () => boolean;
};

/**
 * A circuit breaker for the upstream LLM. Closed: calls go through and consecutive failures are
 * counted; at `failureThreshold` it opens. Open: calls fail at once with `upstream_unavailable`;
 * after `openMs` it goes half-open. Half-open: exactly one probe call goes through (the others
 * fail fast); its success closes the breaker, its failure opens it again. Counting happens in one
 * synchronous step after each call, so concurrent failures are all counted.
 * @example const completion = await breaker.call(() => callUpstream(options));
 */
export class CircuitBreaker {
  /** How long the `breaker_lost_updates` fault keeps its stale copy of the count. */
  static readonly LOSSY_READ_MS = 10_000;
  #stale: { failures: number; readAt: number } | undefined;
  #state: BreakerState = "closed";
  #failures = 0;
  #probeInFlight = false;
  #timer: NodeJS.Timeout | undefined;
  #options: BreakerOptions;

  constructor(options: BreakerOptions) {
    this.#options = options;
  }

  get state(): BreakerState {
    return this.#state;
  }

  /** Consecutive failures counted while closed. */
  get failures(): number {
    return this.#failures;
  }

  /** Runs `work` unless the breaker refuses; `UpstreamError`s count as failures. */
  async call<T>(work: () => Promise<T>): Promise<T> {
    const probe = this.#admit();
    try {
      const result = await work();
      this.#succeeded(probe);
      return result;
    } catch (error) {
      if (error instanceof UpstreamError) this.#failed(probe);
      else if (probe) this.#probeInFlight = false;
      throw error;
    }
  }

  /** Stops the half-open timer (shutdown). */
  stop(): void {
    clearTimeout(this.#timer);
  }

  #admit(): boolean {
    if (this.#state === "closed") return false;
    if (this.#state === "half_open" && !this.#probeInFlight) {
      this.#probeInFlight = true;
      return true;
    }
    throw new UpstreamError(
      "upstream_unavailable",
      `The upstream is failing; calls are paused (circuit breaker ${this.#state}).`,
    );
  }

  #succeeded(probe: boolean): void {
    if (probe) {
      this.#probeInFlight = false;
      this.#move("closed");
    }
    if (this.#state === "closed") this.#failures = 0;
    this.#stale = undefined;
  }

  #failed(probe: boolean): void {
    if (probe) {
      this.#probeInFlight = false;
      this.#open();
      return;
    }
    if (this.#state !== "closed") return;
    this.#failures = this.#options.lossyCounter() ? this.#readStale() + 1 : this.#failures + 1;
    if (this.#failures >= this.#options.failureThreshold) this.#open();
  }

  #readStale(): number {
    const now = performance.now();
    if (!this.#stale || now - this.#stale.readAt > CircuitBreaker.LOSSY_READ_MS)
      this.#stale = { failures: this.#failures, readAt: now };
    return this.#stale.failures;
  }

  #open(): void {
    this.#move("open");
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#move("half_open"), this.#options.openMs);
    this.#timer.unref();
  }

  #move(to: BreakerState): void {
    const from = this.#state;
    if (from === to) return;
    this.#state = to;
    this.#options.onTransition(from, to, this.#failures);
    if (to === "closed") this.#failures = 0;
  }
}
