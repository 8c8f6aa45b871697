import assert from "node:assert/strict";
import { test } from "node:test";
import { parsePrometheus, sampleValue } from "./parsePrometheus.ts";

const TEXT = `# HELP assay_http_requests_total HTTP requests.
# TYPE assay_http_requests_total counter
assay_http_requests_total{method="GET",route="/v1/me",status="200"} 7
assay_http_requests_total{method="GET",route="/v1/me",status="401"} 2
# TYPE assay_db_up gauge
assay_db_up 1
# TYPE assay_nodejs_eventloop_lag_mean_seconds gauge
assay_nodejs_eventloop_lag_mean_seconds Nan
# TYPE assay_http_request_duration_seconds histogram
assay_http_request_duration_seconds_bucket{le="0.1",route="/v1/me"} 8
assay_http_request_duration_seconds_bucket{le="+Inf",route="/v1/me"} 9
assay_http_request_duration_seconds_sum{route="/v1/me"} 0.3
assay_http_request_duration_seconds_count{route="/v1/me"} 9
`;

test("parses counters, gauges and histograms, and sums samples by label subset", () => {
  const metrics = parsePrometheus(TEXT);
  const { families, problems } = metrics;
  assert.deepEqual(problems, []);
  assert.equal(sampleValue(metrics, "assay_http_requests_total", { route: "/v1/me", status: "200" }), 7);
  assert.equal(sampleValue(metrics, "assay_http_requests_total", { route: "/v1/me" }), 9);
  assert.equal(sampleValue(metrics, "assay_http_requests_total", { route: "/nowhere" }), 0);
  assert.equal(sampleValue(metrics, "assay_db_up"), 1);
  assert.ok(Number.isNaN(sampleValue(metrics, "assay_nodejs_eventloop_lag_mean_seconds")));
  assert.equal(sampleValue(metrics, "assay_missing_total"), null);
  assert.equal(families.get("assay_http_request_duration_seconds")?.type, "HISTOGRAM");
  assert.equal(sampleValue(metrics, "assay_http_request_duration_seconds_count", { route: "/v1/me" }), 9);
  assert.equal(sampleValue(metrics, "assay_http_request_duration_seconds_bucket", { le: "+Inf" }), 9);
});

test("names bad lines, untyped samples and what the parser itself refuses", () => {
  const { problems } = parsePrometheus(
    '# TYPE a counter\na{b="c"} 1\nb_total 3\ngarbage line here {\nc{d=e} 1\n# TYPE d sometimes\n',
  );
  assert.deepEqual(problems, [
    "line 3: b_total has no # TYPE line before it",
    "line 4: not a sample line: garbage line here {",
    "line 5: not a sample line: c{d=e} 1",
    'line 6: unknown type "sometimes"',
    "Encountered invalid line: c{d=e} 1",
  ]);
});
