import { type Metrics, sampleValue } from "./parsePrometheus.ts";

/** A counter (or histogram count) and by how much it must have moved. */
export type Expected = { name: string; labels: Record<string, string>; by: number };

/**
 * Checks each counter moved by exactly `by` between two scrapes; throws naming every one that
 * did not (a request counted twice, or not at all).
 * @example assertCountersMoved(before, after, [{ name: "assay_http_requests_total", labels: { route: "/v1/me" }, by: 7 }]);
 */
export function assertCountersMoved(before: Metrics, after: Metrics, expected: readonly Expected[]): void {
  const problems = expected.flatMap(({ name, labels, by }) => {
    const moved = (sampleValue(after, name, labels) ?? Number.NaN) - (sampleValue(before, name, labels) ?? 0);
    return moved === by ? [] : [`${name}${JSON.stringify(labels)} moved by ${moved}, expected ${by}`];
  });
  if (problems.length > 0)
    throw new Error(`[assay/observability] metrics are not accurate:\n  ${problems.join("\n  ")}`);
}
