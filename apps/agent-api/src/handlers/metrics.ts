import type { Handler } from "../http/Route.ts";

/**
 * `GET /metrics`: Prometheus text (version 0.0.4) by default; the same metrics as JSON
 * (`[{name, help, type, values: [{labels, value}]}]`) when `Accept` names `application/json`.
 */
export const getMetrics: Handler = async ({ req, services }) => {
  const { registry } = services.metrics;
  if ((req.headers.accept ?? "").includes("application/json"))
    return { status: 200, body: await registry.getMetricsAsJSON() };
  const text = await registry.metrics();
  return { status: 200, raw: Buffer.from(text), headers: { "content-type": registry.contentType } };
};
