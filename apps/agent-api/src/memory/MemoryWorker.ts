import { UpstreamError } from "../agent/callUpstream.ts";
import {
  type ClaimedJob,
  claimMemoryJob,
  completeMemoryJob,
  countMemoryJobs,
  failMemoryJob,
  readConversationForMemory,
} from "../db/memoryStore.ts";
import { describeError } from "../log.ts";
import { logContext } from "../logContext.ts";
import type { Services } from "../Services.ts";
import { summarizeConversation } from "./summarizeConversation.ts";

const IDLE_POLL_MS = 500;

/**
 * Works the memory queue in the background, one job at a time: claims the next due job,
 * summarises its conversation through the upstream, writes the memory, or schedules a retry
 * (`retryMs · 2^(attempt-1)`) until the job's last attempt, when it is dead-lettered (`dead`).
 * Each job's log lines carry the correlation id of the request that queued it. It pauses while
 * the database is down, and `wake()` (after an enqueue) saves the wait for the next poll.
 * @example const worker = new MemoryWorker(); worker.start(services); worker.wake();
 */
export class MemoryWorker {
  #services!: Services;
  #stopped = false;
  #wake: (() => void) | undefined;
  #loop: Promise<void> | undefined;
  #abort = new AbortController();
  #depth = { queued: 0, running: 0, dead: 0 };

  /** The queue depth as last counted (the `assay_memory_queue_depth` gauge). */
  get depth(): { queued: number; running: number; dead: number } {
    return this.#depth;
  }

  /** Starts working the queue with the service's pool, upstream and logger. */
  start(services: Services): void {
    this.#services = services;
    this.#loop = this.#run();
  }

  /** Looks at the queue now instead of at the next poll. */
  wake(): void {
    this.#wake?.();
  }

  /** Stops after the job in hand (its upstream call is aborted), and waits for that. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#abort.abort();
    this.wake();
    await this.#loop;
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      let worked = false;
      if (this.#services.database.up) {
        try {
          worked = await this.#workOne();
        } catch (error) {
          // The database went away mid-job: the monitor saw it; the job is taken over later.
          this.#services.log.warn("memory_worker_error", describeError(error));
        }
      }
      if (!worked) await this.#idle();
    }
  }

  #idle(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, IDLE_POLL_MS);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    }).finally(() => {
      this.#wake = undefined;
    });
  }

  async #refreshDepth(): Promise<void> {
    this.#depth = await logContext.run({ correlationId: "memory-queue", quiet: true }, () =>
      countMemoryJobs(this.#services.pool),
    );
  }

  async #workOne(): Promise<boolean> {
    const { pool } = this.#services;
    const job = await logContext.run({ correlationId: "memory-queue", quiet: true }, () =>
      claimMemoryJob(pool),
    );
    await this.#refreshDepth();
    if (job === null) return false;
    await logContext.run({ correlationId: job.correlation_id, userId: job.owner_id }, () =>
      this.#process(job),
    );
    await this.#refreshDepth();
    return true;
  }

  async #process(job: ClaimedJob): Promise<void> {
    const services = this.#services;
    const started = performance.now();
    const fields = { job_id: job.id, conversation_id: job.conversation_id, attempt: job.attempts };
    try {
      const messages = await readConversationForMemory(services.pool, job);
      const memory = await summarizeConversation(services, messages, this.#abort.signal);
      await completeMemoryJob(services.pool, job, memory);
      services.metrics.memoryJobs.inc({ outcome: "done" });
      services.log.info("memory_job_done", {
        ...fields,
        elapsed_ms: Math.round(performance.now() - started),
      });
    } catch (error) {
      if (this.#stopped) return;
      const code = error instanceof UpstreamError ? error.code : "internal";
      const retryInMs = services.config.memoryRetryMs * 2 ** (job.attempts - 1);
      const outcome = await failMemoryJob(services.pool, job, code, retryInMs);
      services.metrics.memoryJobs.inc({ outcome: outcome === "dead" ? "dead" : "retried" });
      const line = { ...fields, ...describeError(error), max_attempts: job.max_attempts };
      if (outcome === "dead") services.log.warn("memory_job_dead", line);
      else services.log.info("memory_job_retry", { ...line, retry_in_ms: retryInMs });
    }
  }
}
