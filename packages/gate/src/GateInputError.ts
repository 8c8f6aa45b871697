/**
 * An input the gate cannot judge: a missing or malformed report, budgets file, baseline,
 * coverage file, shard set or CLI argument. The CLI prints its one-line message and exits 2,
 * so the message must say what is wrong and what to do.
 *
 * @example
 * throw new GateInputError("report not found: reports/report.json; pass --report <path>");
 * // message: "[assay/gate] report not found: reports/report.json; pass --report <path>"
 */
export class GateInputError extends Error {
  constructor(message: string) {
    super(`[assay/gate] ${message.replace(/\s*\n\s*/g, " ")}`);
    this.name = "GateInputError";
  }
}
