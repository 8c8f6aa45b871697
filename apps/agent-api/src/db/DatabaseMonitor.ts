import { randomUUID } from "node:crypto";
import type pg from "pg";
import { describeError, type Logger } from "../log.ts";
import { logContext } from "../logContext.ts";
import { isConnectionError } from "./isConnectionError.ts";

/** The pool as `/health` and `/metrics` report it. */
export type PoolStats = {
  max: number;
  total: number;
  idle: number;
  waiting: number;
  utilization_percent: number;
};

export type MonitorOptions = {
  /** How often the state is checked while the database is up. */
  intervalMs: number;
  /** A probe that takes longer than this counts as a failure. */
  probeTimeoutMs: number;
  /** Reconnect attempts wait `baseMs · 2^n` (±20 %), at most `maxMs`. */
  backoff: { baseMs: number; maxMs: number };
  /** The `no_reconnect` fault: once lost, never try again. */
  noReconnect: () => boolean;
};

/** Thrown at requests that need the database while it is unreachable. */
export class DatabaseUnavailableError extends Error {
  constructor() {
    super("The database is unavailable.");
    this.name = "DatabaseUnavailableError";
  }
}

const SATURATED_PERCENT = 80;
const SATURATION_LOG_EVERY_MS = 10_000;

/**
 * Keeps the database's state up to date in the background, so `/health` answers from memory
 * and requests fail fast while the database is gone. Every query reports its outcome here; a
 * `SELECT 1` probe runs only when nothing else proved the database alive recently. Once lost,
 * it probes with exponential backoff until the database answers again, and logs both moments.
 * @example const monitor = new DatabaseMonitor(pool, max, log, options); monitor.start();
 */
export class DatabaseMonitor {
  #pool: pg.Pool;
  #max: number;
  #log: Logger;
  #options: MonitorOptions;
  #up = true;
  #lostAt = 0;
  #attempts = 0;
  #lastOkAt = performance.now();
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #probing = false;
  #down!: { promise: Promise<never>; reject: (error: Error) => void };
  #saturatedTicks = 0;
  #lastSaturationLog = Number.NEGATIVE_INFINITY;

  constructor(pool: pg.Pool, max: number, log: Logger, options: MonitorOptions) {
    this.#pool = pool;
    this.#max = max;
    this.#log = log;
    this.#options = options;
    this.#armDown();
  }

  /** Whether the database answered last time anyone asked. */
  get up(): boolean {
    return this.#up;
  }

  /** Starts the background checks. */
  start(): void {
    this.#schedule(this.#options.intervalMs);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  /** Rejects with {@link DatabaseUnavailableError} the moment the database is found gone. */
  whenDown(): Promise<never> {
    return this.#down.promise;
  }

  /** A query succeeded. */
  recordSuccess(): void {
    this.#lastOkAt = performance.now();
    if (!this.#up) this.#markUp();
  }

  /** A query failed; only connection failures count against the database. */
  recordFailure(error: unknown): void {
    if (isConnectionError(error) && this.#up) this.#markDown(error);
  }

  poolStats(): PoolStats {
    const total = this.#pool.totalCount;
    const idle = this.#pool.idleCount;
    const busy = Math.max(0, total - idle);
    return {
      max: this.#max,
      total,
      idle,
      waiting: this.#pool.waitingCount,
      utilization_percent: this.#max === 0 ? 0 : Math.round((busy / this.#max) * 1000) / 10,
    };
  }

  #armDown(): void {
    let reject!: (error: Error) => void;
    const promise = new Promise<never>((_, no) => {
      reject = no;
    });
    // Nobody may be racing against it when it fires.
    promise.catch(() => undefined);
    this.#down = { promise, reject };
  }

  #markDown(cause: unknown): void {
    this.#up = false;
    this.#lostAt = performance.now();
    this.#attempts = 0;
    this.#down.reject(new DatabaseUnavailableError());
    this.#log.error("db_connection_lost", {
      ...describeError(cause),
      error_type: "db_unavailable",
      last_ok_ms_ago: Math.round(performance.now() - this.#lastOkAt),
    });
    clearTimeout(this.#timer);
    this.#scheduleReconnect();
  }

  #markUp(): void {
    this.#up = true;
    this.#armDown();
    this.#log.info("db_reconnected", {
      down_ms: Math.round(performance.now() - this.#lostAt),
      attempts: this.#attempts,
    });
    clearTimeout(this.#timer);
    this.#schedule(this.#options.intervalMs);
  }

  #schedule(delay: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => void this.#tick(), delay);
    this.#timer.unref();
  }

  #scheduleReconnect(): void {
    if (this.#options.noReconnect()) return;
    const { baseMs, maxMs } = this.#options.backoff;
    const delay = Math.min(maxMs, baseMs * 2 ** this.#attempts) * (0.8 + Math.random() * 0.4);
    this.#schedule(Math.round(delay));
  }

  async #tick(): Promise<void> {
    if (this.#up) {
      this.#watchSaturation();
      // A query that succeeded since the last tick already proved the database alive.
      if (performance.now() - this.#lastOkAt > this.#options.intervalMs) await this.#probe();
      if (this.#up) this.#schedule(this.#options.intervalMs);
      return;
    }
    this.#attempts++;
    const ok = await this.#probe();
    if (!ok && !this.#up) this.#scheduleReconnect();
  }

  async #probe(): Promise<boolean> {
    if (this.#probing) return this.#up;
    this.#probing = true;
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), this.#options.probeTimeoutMs);
    });
    const context = { correlationId: `probe-${randomUUID()}`, quiet: true };
    const query = logContext.run(context, () =>
      this.#pool.query("SELECT 1").then(
        () => "ok" as const,
        (error: unknown) => error,
      ),
    );
    try {
      const outcome = await Promise.race([query, timeout]);
      if (outcome === "ok") {
        this.recordSuccess();
        return true;
      }
      // A slow probe on a busy pool is no outage as long as other queries got through meanwhile.
      if (this.#lastOkAt >= started) return true;
      if (this.#up) this.#markDown(outcome === "timeout" ? new Error("Query read timeout (probe)") : outcome);
      return false;
    } finally {
      clearTimeout(timer);
      this.#probing = false;
    }
  }

  #watchSaturation(): void {
    const stats = this.poolStats();
    this.#saturatedTicks = stats.utilization_percent > SATURATED_PERCENT ? this.#saturatedTicks + 1 : 0;
    const now = performance.now();
    if (this.#saturatedTicks >= 2 && now - this.#lastSaturationLog > SATURATION_LOG_EVERY_MS) {
      this.#lastSaturationLog = now;
      this.#log.warn("pool_saturated", { ...stats, threshold_percent: SATURATED_PERCENT });
    }
  }
}
