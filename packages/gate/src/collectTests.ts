import { GateInputError } from "./GateInputError.ts";

/** Playwright's per-test outcome, as written by the JSON reporter. */
export type Outcome = "expected" | "unexpected" | "flaky" | "skipped";
/** One `assay:latency` measurement. */
export type LatencySample = { step: string; ms: number };
/** One test as the gate sees it, with the Assay annotations already parsed and deduplicated. */
export type TestRecord = {
  /** `<projectName> › <file> › <describe titles…> › <title>` */
  id: string;
  outcome: Outcome;
  latency: LatencySample[];
  contracts: string[];
  leaks: string[];
};

type Annotation = { type: string; description: string };
const OUTCOMES: readonly string[] = ["expected", "unexpected", "flaky", "skipped"];
const SEVERITY: Record<Outcome, number> = { skipped: 0, expected: 1, flaky: 2, unexpected: 3 };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Walks the suites of a Playwright JSON report (`JSONReport` in playwright/types/testReporter.d.ts)
 * and returns one record per test. A test that appears twice (repeatEach) keeps its worst outcome
 * and all its samples. Annotations are read from the test and from each result: the test copy
 * mirrors the last result, so a kind is counted `max(on the test, summed over the results)` times.
 *
 * @example
 * const tests = collectTests(JSON.parse(text), "reports/report.json");
 * tests[0]?.id; // "api › suites/health.spec.ts › health › answers 200"
 */
export function collectTests(report: Record<string, unknown>, source: string): TestRecord[] {
  function bad(path: string, what: string): never {
    throw new GateInputError(
      `${source} is not a Playwright JSON report: ${path} ${what}; pass the output of --reporter=json or merge-reports --reporter=json`,
    );
  }
  const byId = new Map<string, TestRecord>();
  const walk = (suite: unknown, path: string, titles: string[]): void => {
    if (!isRecord(suite)) bad(path, "is not an object");
    if (!Array.isArray(suite.specs)) bad(`${path}.specs`, "is not an array");
    for (const [s, spec] of (suite.specs as unknown[]).entries()) {
      const specPath = `${path}.specs[${s}]`;
      if (!isRecord(spec) || typeof spec.title !== "string" || typeof spec.file !== "string")
        bad(specPath, "needs a string title and file");
      if (!Array.isArray(spec.tests)) bad(`${specPath}.tests`, "is not an array");
      for (const [i, t] of (spec.tests as unknown[]).entries()) {
        const testPath = `${specPath}.tests[${i}]`;
        if (!isRecord(t) || typeof t.projectName !== "string") bad(testPath, "needs a string projectName");
        if (typeof t.status !== "string" || !OUTCOMES.includes(t.status))
          bad(`${testPath}.status`, "is not expected|unexpected|flaky|skipped");
        if (!Array.isArray(t.results)) bad(`${testPath}.results`, "is not an array");
        const id = [t.projectName, spec.file, ...titles, spec.title].join(" › ");
        const record = toRecord(id, t.status as Outcome, annotationsOf(t, testPath, bad));
        const seen = byId.get(id);
        byId.set(id, seen ? mergeRecords(seen, record) : record);
      }
    }
    if (suite.suites === undefined) return;
    if (!Array.isArray(suite.suites)) bad(`${path}.suites`, "is not an array");
    for (const [c, child] of (suite.suites as unknown[]).entries()) {
      if (!isRecord(child) || typeof child.title !== "string") bad(`${path}.suites[${c}]`, "has no title");
      walk(child, `${path}.suites[${c}]`, [...titles, child.title]);
    }
  };
  for (const [f, fileSuite] of (report.suites as unknown[]).entries()) walk(fileSuite, `suites[${f}]`, []);
  return [...byId.values()];
}

function annotationsOf(
  t: Record<string, unknown>,
  path: string,
  bad: (p: string, w: string) => never,
): Annotation[] {
  const read = (list: unknown, where: () => string): Annotation[] => {
    if (list === undefined) return [];
    if (!Array.isArray(list)) return bad(where(), "is not an array");
    const out: Annotation[] = [];
    for (const a of list)
      if (
        isRecord(a) &&
        typeof a.type === "string" &&
        a.type.startsWith("assay:") &&
        typeof a.description === "string"
      )
        out.push({ type: a.type, description: a.description });
    return out;
  };
  const onTest = read(t.annotations, () => `${path}.annotations`);
  const perResult = (t.results as unknown[]).map((r, i) =>
    isRecord(r) ? read(r.annotations, () => `${path}.results[${i}].annotations`) : [],
  );
  const onResults = perResult.flat();
  // Usual case, and the cheap one: the test's list is empty or a copy of the last result's.
  const last = perResult[perResult.length - 1] ?? [];
  const same = (a: Annotation, i: number): boolean =>
    a.type === last[i]?.type && a.description === last[i]?.description;
  if (onTest.length === 0 || (onTest.length === last.length && onTest.every(same))) return onResults;
  const count = (list: Annotation[]): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const a of list)
      counts.set(
        JSON.stringify([a.type, a.description]),
        (counts.get(JSON.stringify([a.type, a.description])) ?? 0) + 1,
      );
    return counts;
  };
  const testCounts = count(onTest);
  const resultCounts = count(onResults);
  const out: Annotation[] = [];
  for (const key of new Set([...testCounts.keys(), ...resultCounts.keys()])) {
    const [type, description] = JSON.parse(key) as [string, string];
    const n = Math.max(testCounts.get(key) ?? 0, resultCounts.get(key) ?? 0);
    for (let k = 0; k < n; k++) out.push({ type, description });
  }
  return out;
}

function toRecord(id: string, outcome: Outcome, annotations: Annotation[]): TestRecord {
  const record: TestRecord = { id, outcome, latency: [], contracts: [], leaks: [] };
  for (const a of annotations) {
    if (a.type === "assay:contract") record.contracts.push(a.description);
    else if (a.type === "assay:leak") record.leaks.push(a.description);
    else if (a.type === "assay:latency") record.latency.push(parseLatency(id, a.description));
  }
  return record;
}

// What recordLatency writes; matched directly to skip a JSON.parse per sample on big runs.
const PLAIN_LATENCY = /^\{"step":"([\w.:-]+)","ms":(\d+(?:\.\d+)?)\}$/;

function parseLatency(id: string, description: string): LatencySample {
  const plain = PLAIN_LATENCY.exec(description);
  if (plain?.[1]) return { step: plain[1], ms: Number(plain[2]) };
  let value: unknown;
  try {
    value = JSON.parse(description);
  } catch {
    value = undefined;
  }
  if (
    isRecord(value) &&
    typeof value.step === "string" &&
    value.step !== "" &&
    typeof value.ms === "number" &&
    Number.isFinite(value.ms) &&
    value.ms >= 0
  )
    return { step: value.step, ms: value.ms };
  throw new GateInputError(
    `test "${id}" has a malformed assay:latency annotation ${JSON.stringify(description).slice(0, 120)}; its description must be JSON {"step": string, "ms": number >= 0}`,
  );
}

function mergeRecords(a: TestRecord, b: TestRecord): TestRecord {
  return {
    id: a.id,
    outcome: SEVERITY[b.outcome] > SEVERITY[a.outcome] ? b.outcome : a.outcome,
    latency: [...a.latency, ...b.latency],
    contracts: [...a.contracts, ...b.contracts],
    leaks: [...a.leaks, ...b.leaks],
  };
}
