import { chaosTest, recordFigures } from "@assay/chaos";
import { test as assayTest, expect } from "@assay/test";
import { mergeTests } from "@playwright/test";
import { observabilityEnv, tlsMinDays } from "../../src/env.ts";
import { checkRedirect, checkTls, inspectTls } from "../../src/index.ts";

// A private stack with its HTTPS listener on (the `tls` project's stackEnv). Its certificate is
// made at start, so it is trusted as presented; dates, host and signature are still checked.
const test = mergeTests(assayTest, chaosTest);
test.use({ stackEnv: { ASSAY_TLS_PORT: "0", ASSAY_HTTPS_REDIRECT: "1" } });

function httpsOf(stack: { tlsURL: string | undefined }): string {
  if (stack.tlsURL === undefined)
    throw new Error("[assay/observability] the stack has no HTTPS listener: set stackEnv ASSAY_TLS_PORT");
  return stack.tlsURL;
}

test("the certificate is valid for the host, does not expire within 14 days, and TLS is 1.2 or newer", async ({
  stack,
}) => {
  const report = await inspectTls(httpsOf(stack), { trustPresented: true });
  recordFigures("tls", { protocol: report.protocol, days_left: report.daysLeft });
  expect(checkTls(report, { minDays: tlsMinDays(observabilityEnv()) })).toEqual([]);
});

test("plain HTTP redirects to HTTPS, keeping the path", async ({ stack }) => {
  expect(await checkRedirect(stack.baseURL, httpsOf(stack))).toEqual([]);
});

test("expired_certificate: the TLS check fails on the expired certificate, naming it", async ({
  stack,
  stackUsers,
  stackFaults,
}) => {
  // A process-wide fault, switched on through a test user (the API breaks test users only).
  await stackFaults.enable((await stackUsers.create()).id, "expired_certificate");
  const problems = checkTls(await inspectTls(httpsOf(stack), { trustPresented: true }));
  expect(problems).toContain(`the certificate chain is not trusted for 127.0.0.1: CERT_HAS_EXPIRED`);
  expect(problems.some((problem) => /^the certificate expired \d+ day\(s\) ago/.test(problem))).toBe(true);
});
