/**
 * A request `assay-e2e` cannot carry out: a bad argument, a malformed durations file, a report
 * that is missing, or more shards than tests. The CLI prints its one-line message and exits 2, so
 * the message says what is wrong and what to do.
 *
 * @example
 * throw new ShardsError("--shard must be i/n with 1 ≤ i ≤ n, got 4/3");
 * // message: "[assay/shards] --shard must be i/n with 1 ≤ i ≤ n, got 4/3"
 */
export class ShardsError extends Error {
  constructor(message: string) {
    super(`[assay/shards] ${message.replace(/\s*\n\s*/g, " ")}`);
    this.name = "ShardsError";
  }
}
