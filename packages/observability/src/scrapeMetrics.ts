import { type Metrics, parsePrometheus } from "./parsePrometheus.ts";

/**
 * Scrapes `/metrics` and parses it; throws when the text does not parse.
 * @example const families = await scrapeMetrics(baseURL);
 */
export async function scrapeMetrics(baseURL: string): Promise<Metrics> {
  const response = await fetch(`${baseURL}/metrics`);
  const { families, samples, problems } = parsePrometheus(await response.text());
  if (problems.length > 0)
    throw new Error(`[assay/observability] /metrics does not parse: ${problems.join("; ")}`);
  return { families, samples };
}
