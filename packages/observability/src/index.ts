export { assertCountersMoved, type Expected } from "./assertCountersMoved.ts";
export { checkRateLimit, probeRateLimit, type RateLimitReport } from "./checkRateLimit.ts";
export { checkRedirect } from "./checkRedirect.ts";
export { checkTls, inspectTls, type TlsReport } from "./inspectTls.ts";
export {
  type MetricFamily,
  type Metrics,
  parsePrometheus,
  type Sample,
  sampleValue,
} from "./parsePrometheus.ts";
export { assertHealthAnswersFast, type HealthSample, percentile, sampleHealth } from "./sampleHealth.ts";
export { scrapeMetrics } from "./scrapeMetrics.ts";
export {
  type LogMark,
  markServiceLog,
  readServiceLog,
  type ServiceLogSource,
  serviceLogSource,
} from "./serviceLog.ts";
