/// <reference path="./parse-prometheus-text-format.d.ts" />
import parsePrometheusTextFormat, { type ParsedFamily } from "parse-prometheus-text-format";

/** A metric family as the parser returns it: its type, help and samples. */
export type MetricFamily = ParsedFamily;
/** One sample line: `name{labels} value`, a histogram's `_bucket`, `_sum` and `_count` each on its own. */
export type Sample = { name: string; labels: Record<string, string>; value: number };
/** What a scrape holds: the families (by name) and every sample line. */
export type Metrics = { families: Map<string, MetricFamily>; samples: Sample[] };

// One sample line: name, optional {labels}, value, optional timestamp (the text format, 0.0.4).
const SAMPLE =
  /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{(\s*[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*"\s*,?)*\})?\s+[-+]?(\d+(\.\d*)?([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|[Ii][Nn][Ff](?:[Ii][Nn][Ii][Tt][Yy])?|[Nn][Aa][Nn])(\s+-?\d+)?$/;
const TYPES = ["counter", "gauge", "histogram", "summary", "untyped"];

/**
 * Parses Prometheus text (`parse-prometheus-text-format`), stricter than the parser alone: every
 * sample line must be well formed and belong to a family with a `# TYPE` line. Resolves the
 * families by name and one problem per bad line.
 * @example const { families, problems } = parsePrometheus(await (await fetch(url)).text());
 */
export function parsePrometheus(text: string): Metrics & { problems: string[] } {
  const problems: string[] = [];
  const typed = new Set<string>();
  const samples: Sample[] = [];
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (line === "") continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (\w+)$/.exec(line);
    if (type?.[1] !== undefined) {
      if (!TYPES.includes(type[2] ?? "")) problems.push(`line ${i + 1}: unknown type "${type[2]}"`);
      typed.add(type[1]);
      continue;
    }
    if (line.startsWith("#")) continue;
    if (!SAMPLE.test(line)) {
      problems.push(`line ${i + 1}: not a sample line: ${line.slice(0, 120)}`);
      continue;
    }
    const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0] ?? "";
    const family = name.replace(/_(bucket|sum|count|total|created)$/, "");
    if (!typed.has(name) && !typed.has(family))
      problems.push(`line ${i + 1}: ${name} has no # TYPE line before it`);
    samples.push(readSample(name, line));
  }
  let parsed: ParsedFamily[] = [];
  try {
    parsed = parsePrometheusTextFormat(text);
  } catch (error) {
    problems.push((error as Error).message);
  }
  return { families: new Map(parsed.map((family) => [family.name, family])), samples, problems };
}

// The parser drops the labels of labelled histograms: the samples are read here, line by line.
function readSample(name: string, line: string): Sample {
  const labels: Record<string, string> = {};
  const close = line.lastIndexOf("}");
  const body = line.indexOf("{") === name.length && close > 0 ? line.slice(name.length + 1, close) : "";
  for (const match of body.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:\\.|[^"\\])*)"/g))
    labels[match[1] ?? ""] = (match[2] ?? "").replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
  const rest = (close > 0 && body !== "" ? line.slice(close + 1) : line.slice(name.length))
    .trim()
    .split(/\s+/);
  const raw = rest[0] ?? "NaN";
  // Go's ParseFloat, which Prometheus uses, reads Inf and NaN in any case (prom-client writes "Nan").
  const lower = raw.toLowerCase();
  const value =
    lower.endsWith("inf") || lower.endsWith("infinity")
      ? lower.startsWith("-")
        ? -Infinity
        : Infinity
      : Number(raw);
  return { name, labels, value };
}

/**
 * The sum of the samples named `name` whose labels include `labels` (0 when none matches; null
 * when no sample has that name and no family either). A histogram's count is `<name>_count`.
 * @example sampleValue(metrics, "assay_http_requests_total", { route: "/v1/me", status: "200" })
 */
export function sampleValue(
  metrics: Metrics,
  name: string,
  labels: Record<string, string> = {},
): number | null {
  const named = metrics.samples.filter((sample) => sample.name === name);
  if (named.length === 0 && !metrics.families.has(name)) return null;
  let total = 0;
  for (const sample of named)
    if (Object.entries(labels).every(([key, value]) => sample.labels[key] === value)) total += sample.value;
  return total;
}
