import assert from "node:assert/strict";
import { test } from "node:test";
import { checkOutage } from "./checkOutage.ts";
import type { OutageReport } from "./measureOutage.ts";

const clean: OutageReport = {
  detectionMs: 300,
  unavailableMs: [4, 6],
  hung: [],
  recoveryMs: 700,
  writes: [
    { title: "t-w1", sentAt: 0, status: 201, code: null, ms: 5 },
    { title: "t-w2", sentAt: 1100, status: 503, code: "service_unavailable", ms: 4 },
  ],
  lost: [],
  duplicates: [],
  inDoubt: 0,
  readBackStatus: null,
  healthDuringOutage: [{ status: "unhealthy", ms: 2 }],
};

test("a clean outage has nothing to report", () => {
  assert.deepEqual(checkOutage(clean), []);
});

test("each broken promise is one line naming it", () => {
  const report: OutageReport = {
    ...clean,
    detectionMs: null,
    recoveryMs: null,
    hung: [{ title: "t-w3", sentAt: 1200, status: 0, code: null, ms: 15_000 }],
    writes: [...clean.writes, { title: "t-w4", sentAt: 1300, status: 500, code: "internal", ms: 3 }],
    lost: ["t-w1"],
    duplicates: ["t-w5"],
    healthDuringOutage: [{ status: "unhealthy", ms: 2100 }],
  };
  assert.deepEqual(checkOutage(report), [
    "the outage was never noticed: /health did not say unhealthy while the database was gone",
    "1 GET /health took over 1000 ms while the database was gone (slowest 2100 ms): health must answer from state kept in the background, not by querying the database",
    "1 write(s) during the outage hung or got no answer (slowest 15000 ms, HTTP none): a request that needs the database must get 503 within 2500 ms",
    "1 write(s) failed with something else than 503 service_unavailable: HTTP 500 internal",
    "no write was acknowledged within 10 s of the database coming back: the service did not reconnect",
    "1 acknowledged write(s) lost: t-w1 — a write must be committed before it is acknowledged",
    "1 write(s) stored twice: t-w5",
  ]);
});
