import type { OutageReport } from "./measureOutage.ts";

/** What an outage may cost at most. */
export type OutageBudgets = {
  /** Cut → `/health` unhealthy (default 5000). */
  detectionMs?: number;
  /** Restore → first acknowledged write (default 10000). */
  recoveryMs?: number;
  /** A `/health` answer during the outage (default 1000): it must come from kept state. */
  healthMs?: number;
};

/**
 * Judges an {@link OutageReport}: one line per broken promise, naming it. Empty means the
 * service noticed the outage in time, failed fast and clearly, came back by itself, and lost
 * or doubled no acknowledged write.
 * @example expect(checkOutage(report)).toEqual([]);
 */
export function checkOutage(report: OutageReport, budgets: OutageBudgets = {}): string[] {
  const detection = budgets.detectionMs ?? 5000;
  const recovery = budgets.recoveryMs ?? 10_000;
  const healthMs = budgets.healthMs ?? 1000;
  const problems: string[] = [];
  if (report.detectionMs === null || report.detectionMs > detection)
    problems.push(
      report.detectionMs === null
        ? "the outage was never noticed: /health did not say unhealthy while the database was gone"
        : `the outage was noticed after ${report.detectionMs} ms, over ${detection} ms`,
    );
  const slowHealth = report.healthDuringOutage.filter((h) => h.ms > healthMs);
  if (slowHealth.length > 0)
    problems.push(
      `${slowHealth.length} GET /health took over ${healthMs} ms while the database was gone (slowest ${Math.max(...slowHealth.map((h) => h.ms))} ms): health must answer from state kept in the background, not by querying the database`,
    );
  if (report.hung.length > 0) {
    const worst = report.hung.reduce((a, b) => (b.ms > a.ms ? b : a));
    problems.push(
      `${report.hung.length} write(s) during the outage hung or got no answer (slowest ${Math.round(worst.ms)} ms, HTTP ${worst.status || "none"}): a request that needs the database must get 503 within 2500 ms`,
    );
  }
  const unclear = report.writes.filter(
    (w) => w.status >= 400 && !(w.status === 503 && w.code === "service_unavailable"),
  );
  if (unclear.length > 0)
    problems.push(
      `${unclear.length} write(s) failed with something else than 503 service_unavailable: ${[...new Set(unclear.map((w) => `HTTP ${w.status} ${w.code ?? ""}`.trim()))].join(", ")}`,
    );
  if (report.recoveryMs === null || report.recoveryMs > recovery)
    problems.push(
      report.recoveryMs === null
        ? `no write was acknowledged within ${recovery / 1000} s of the database coming back: the service did not reconnect`
        : `the first write after the database came back was acknowledged after ${report.recoveryMs} ms, over ${recovery} ms`,
    );
  if (report.readBackStatus !== null)
    problems.push(
      `the writes could not be read back after the outage (HTTP ${report.readBackStatus || "no answer"}): lost and doubled writes are unknown`,
    );
  if (report.lost.length > 0)
    problems.push(
      `${report.lost.length} acknowledged write(s) lost: ${report.lost.slice(0, 5).join(", ")} — a write must be committed before it is acknowledged`,
    );
  if (report.duplicates.length > 0)
    problems.push(
      `${report.duplicates.length} write(s) stored twice: ${report.duplicates.slice(0, 5).join(", ")}`,
    );
  return problems;
}

/**
 * {@link checkOutage}, throwing one `[assay/chaos]` error that lists every problem.
 * @example assertOutage(await measureOutage(options));
 */
export function assertOutage(report: OutageReport, budgets: OutageBudgets = {}): void {
  const problems = checkOutage(report, budgets);
  if (problems.length > 0)
    throw new Error(
      `[assay/chaos] The database outage broke ${problems.length} promise(s):\n  ${problems.join("\n  ")}`,
    );
}
