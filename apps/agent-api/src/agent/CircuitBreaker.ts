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
   * The `breaker_lost_updates` fault: a failure is counted from the value read when the call
   * started, so concurrent failures overwrite each other's count.
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
    const seen = this.#failures;
    try {
      const result = await work();
      this.#succeeded(probe);
      return result;
    } catch (error) {
      if (error instanceof UpstreamError) this.#failed(probe, seen);
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
  }

  #failed(probe: boolean, seen: number): void {
    if (probe) {
      this.#probeInFlight = false;
      this.#open();
      return;
    }
    if (this.#state !== "closed") return;
    this.#failures = this.#options.lossyCounter() ? seen + 1 : this.#failures + 1;
    if (this.#failures >= this.#options.failureThreshold) this.#open();
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
