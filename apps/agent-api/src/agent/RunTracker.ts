import type { Logger } from "../log.ts";
import { describeError } from "../log.ts";

/**
 * The runs going on in the background, so shutdown can abort them and wait for them to
 * record their end before the pool closes.
 * @example tracker.start(run.id, (signal) => runAgent({ …, signal }));
 */
export class RunTracker {
  #runs = new Map<string, { controller: AbortController; done: Promise<void> }>();
  #log: Logger;
  #closing = false;

  constructor(log: Logger) {
    this.#log = log;
  }

  /**
   * Starts `work` detached from the request; a rejection is logged, never thrown. Once
   * {@link abortAll} was called, the work starts already aborted: it ends at once, with its
   * terminal event, instead of running on into the shutdown.
   */
  start(runId: string, work: (signal: AbortSignal) => Promise<void>): void {
    const controller = new AbortController();
    if (this.#closing) controller.abort();
    const done = Promise.resolve()
      .then(() => work(controller.signal))
      .catch((error: unknown) => this.#log.error("run_crashed", { run_id: runId, ...describeError(error) }))
      .finally(() => this.#runs.delete(runId));
    this.#runs.set(runId, { controller, done });
  }

  /**
   * Waits until the run has ended or `ms` have passed; true when it ended (or was not running
   * here). Never rejects: a crashed run ended too.
   */
  async waitFor(runId: string, ms: number): Promise<boolean> {
    const run = this.#runs.get(runId);
    if (run === undefined) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    const ended = await Promise.race([run.done.then(() => true as const), timeout]);
    clearTimeout(timer);
    return ended;
  }

  /** How many runs are in flight. */
  get size(): number {
    return this.#runs.size;
  }

  /**
   * Aborts every run in flight (and every run started from now on) and waits, at most
   * `graceMs`, until each has recorded its end; resolves with how many are still going.
   */
  async abortAll(graceMs = 3000): Promise<number> {
    this.#closing = true;
    const deadline = performance.now() + graceMs;
    // Runs started while this waits (a request already past its checks) are aborted too.
    while (this.#runs.size > 0 && performance.now() < deadline) {
      const runs = [...this.#runs.values()];
      for (const run of runs) run.controller.abort();
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, Math.max(0, deadline - performance.now()));
      });
      await Promise.race([Promise.all(runs.map((run) => run.done)), grace]);
      clearTimeout(timer);
    }
    if (this.#runs.size > 0) this.#log.warn("runs_left_running", { count: this.#runs.size });
    return this.#runs.size;
  }
}
