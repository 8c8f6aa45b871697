import type { OutageReport } from "./measureOutage.ts";

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

/**
 * The figures of an outage, for a report line or an annotation.
 * @example summarizeOutage(report) // { detection_ms: 610, unavailable_p95_ms: 12, … }
 */
export function summarizeOutage(report: OutageReport) {
  const acked = report.writes.filter((w) => w.status >= 200 && w.status < 300).length;
  return {
    detection_ms: report.detectionMs,
    unavailable_count: report.unavailableMs.length,
    unavailable_p95_ms: percentile(report.unavailableMs, 95),
    unavailable_max_ms: report.unavailableMs.length === 0 ? null : Math.max(...report.unavailableMs),
    recovery_ms: report.recoveryMs,
    writes: report.writes.length,
    acknowledged: acked,
    lost: report.lost.length,
    duplicated: report.duplicates.length,
    in_doubt: report.inDoubt,
    health_max_ms:
      report.healthDuringOutage.length === 0 ? null : Math.max(...report.healthDuringOutage.map((h) => h.ms)),
  };
}
