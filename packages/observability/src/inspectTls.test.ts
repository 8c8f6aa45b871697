import assert from "node:assert/strict";
import { test } from "node:test";
import { checkTls, type TlsReport } from "./inspectTls.ts";

const good: TlsReport = {
  host: "api.example.com",
  protocol: "TLSv1.3",
  authorizationError: null,
  hostMatches: true,
  validTo: "Jan  1 00:00:00 2030 GMT",
  daysLeft: 400,
  oldProtocolAccepted: false,
};

test("a trusted, matching, long-lived TLS 1.3 certificate passes", () => {
  assert.deepEqual(checkTls(good), []);
});

test("each problem is one line naming it", () => {
  assert.deepEqual(
    checkTls({
      ...good,
      protocol: "TLSv1.1",
      authorizationError: "CERT_HAS_EXPIRED",
      hostMatches: false,
      daysLeft: -3,
      oldProtocolAccepted: true,
    }),
    [
      "the certificate chain is not trusted for api.example.com: CERT_HAS_EXPIRED",
      "the certificate does not name api.example.com",
      "the certificate expired 3 day(s) ago (Jan  1 00:00:00 2030 GMT)",
      "the session uses TLSv1.1, older than TLS 1.2",
      "a client limited to TLS 1.1 or older got a session",
    ],
  );
  assert.deepEqual(checkTls({ ...good, daysLeft: 10 }, { minDays: 14 }), [
    "the certificate expires in 10 day(s) (Jan  1 00:00:00 2030 GMT), within the 14-day budget",
  ]);
});
